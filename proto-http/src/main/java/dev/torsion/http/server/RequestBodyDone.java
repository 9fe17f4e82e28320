package dev.torsion.http.server;

/**
 * A streamed request body arrived whole: the reason the protocol given to
 * {@link Request#deliverBody} gets in its {@code connectionLost} on success. Any other reason means
 * the body is incomplete: an {@link dev.torsion.http.HttpError} (too large, stalled, malformed), the client's
 * connection failure, or {@link dev.torsion.internet.error.ConnectionAborted} after the receiver
 * stopped the body itself.
 */
public class RequestBodyDone extends Exception {
    private static final long serialVersionUID = 1L;

    /** The reason with a message. */
    public RequestBodyDone(String message) {
        super(message, null, false, false);
    }
}
