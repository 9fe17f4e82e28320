package dev.torsion.sip.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The lexical rules of RFC 3261 section 25.1 that the header parsers share. */
public final class Syntax {
    /** Runs of SP and HTAB (LWS without line folding, which the parser has already joined). */
    public static final Pattern WHITESPACE = Pattern.compile("[ \t]+");

    private Syntax() {
    }

    /** Whether {@code c} is a {@code token} character (section 25.1). */
    public static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    /**
     * Whether {@code s} is 1 to {@code maxDigits} ASCII digits: the numbers of the grammar, checked
     * without a regular expression (one compiled per call was the proxy's top allocation).
     */
    public static boolean isDigits(String s, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a URI scheme (RFC 3986 section 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )). */
    public static boolean isScheme(String s) {
        if (s.isEmpty() || !isAlpha(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlpha(c) && (c < '0' || c > '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Whether {@code s} is a non-empty token. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a comma list (section 7.3.1) at the commas outside quoted strings and angle brackets,
     * trimming each element; throws on an unterminated quote or bracket or an empty element.
     */
    public static List<String> splitList(String value) throws SipParseException {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        boolean bracketed = false;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracketed = true;
            } else if (c == '>') {
                bracketed = false;
            } else if (c == ',' && !bracketed) {
                parts.add(element(value, from, i));
                from = i + 1;
            }
        }
        if (quoted || bracketed) {
            throw new SipParseException(400, "Unterminated Quote Or Bracket");
        }
        parts.add(element(value, from, value.length()));
        return parts;
    }

    private static String element(String value, int from, int to) throws SipParseException {
        String part = value.substring(from, to).trim();
        if (part.isEmpty()) {
            throw new SipParseException(400, "Empty List Element");
        }
        return part;
    }

    /** The index of {@code target} in {@code s} from {@code from}, outside quoted strings, or -1. */
    public static int indexOutsideQuotes(String s, char target, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == target) {
                return i;
            }
        }
        return -1;
    }
}
