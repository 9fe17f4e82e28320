package dev.torsion.pop3.client;

/** A command the server answered with {@code -ERR} (its text is the message), or a broken session. */
public final class Pop3ClientException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public Pop3ClientException(String message) {
        super(message, null, false, false);
    }
}
