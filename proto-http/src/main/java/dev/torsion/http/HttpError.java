package dev.torsion.http;

/**
 * Thrown while rendering to answer with a given status and a short, safe message (never a stack
 * trace): bad form data is a 400, a body too large a 413.
 */
public class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** An error answered with {@code status}; {@code message} is shown to the client. */
    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status code to answer with. */
    public int status() {
        return status;
    }
}
