package dev.torsion.http.client;

/** The response could not be read whole: the connection broke or the response broke HTTP. */
public class ResponseFailed extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public ResponseFailed(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public ResponseFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
