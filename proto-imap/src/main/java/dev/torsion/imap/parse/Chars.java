package dev.torsion.imap.parse;

/** The character classes of RFC 3501 §9's formal syntax. */
final class Chars {
    private Chars() {
    }

    /** ATOM-CHAR: any CHAR except atom-specials {@code ( ) { SP CTL % * " \ ]}. */
    static boolean isAtomChar(int b) {
        return b > 0x20 && b < 0x7f && b != '(' && b != ')' && b != '{' && b != '%' && b != '*' && b != '"' && b != '\\' && b != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR or {@code ]}. */
    static boolean isAstringChar(int b) {
        return isAtomChar(b) || b == ']';
    }

    /** list-char: ATOM-CHAR, list-wildcards or {@code ]}. */
    static boolean isListChar(int b) {
        return isAstringChar(b) || b == '%' || b == '*';
    }
}
