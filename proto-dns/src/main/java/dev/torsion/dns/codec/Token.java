package dev.torsion.dns.codec;

/**
 * One word of presentation form as a zone file's tokenizer reads it: the text with its escapes
 * still in (names and character-strings undo them themselves), and whether it was quoted.
 *
 * @param text the raw text, without the quotes
 * @param quoted whether it stood between double quotes
 */
public record Token(String text, boolean quoted) {
    /** An unquoted token. */
    public static Token of(String text) {
        return new Token(text, false);
    }
}
