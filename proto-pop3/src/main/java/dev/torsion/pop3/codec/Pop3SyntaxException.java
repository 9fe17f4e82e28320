package dev.torsion.pop3.codec;

/** A command line the codec refused; its message is the text of the {@code -ERR} reply. */
public final class Pop3SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A refusal answered with {@code -ERR text}. */
    public Pop3SyntaxException(String text) {
        super(text, null, false, false);
    }
}
