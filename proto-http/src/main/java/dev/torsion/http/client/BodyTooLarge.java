package dev.torsion.http.client;

/** A response body was larger than the reader's limit. */
public class BodyTooLarge extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public BodyTooLarge(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public BodyTooLarge(String message, Throwable cause) {
        super(message, cause);
    }
}
