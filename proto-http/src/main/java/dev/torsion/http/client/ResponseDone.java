package dev.torsion.http.client;

/** The response body was received whole: the reason a body protocol's connectionLost gets on success. */
public class ResponseDone extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public ResponseDone(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public ResponseDone(String message, Throwable cause) {
        super(message, cause);
    }
}
