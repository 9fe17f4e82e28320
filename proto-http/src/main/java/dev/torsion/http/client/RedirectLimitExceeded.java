package dev.torsion.http.client;

/** A chain of redirects was longer than the limit. */
public class RedirectLimitExceeded extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public RedirectLimitExceeded(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public RedirectLimitExceeded(String message, Throwable cause) {
        super(message, cause);
    }
}
