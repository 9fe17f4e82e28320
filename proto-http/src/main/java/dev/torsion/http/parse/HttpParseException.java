package dev.torsion.http.parse;

/**
 * A message that breaks HTTP's syntax or a limit. {@link #status()} is the reply a server gives
 * (400, 414, 431, 505, ...); the connection cannot be trusted afterwards and is closed.
 */
public final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A violation answered with {@code status}. */
    public HttpParseException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status code a server replies with. */
    public int status() {
        return status;
    }
}
