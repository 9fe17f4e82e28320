package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.PushProducer;
import java.util.List;

/**
 * Produces a request body into a connection, as Twisted's {@code IBodyProducer}: with a known
 * {@link #length()} the body is sent with Content-Length, else chunked. It writes to the consumer
 * it is given and is paused and resumed by the connection as the socket's buffer fills and drains.
 */
public interface BodyProducer extends PushProducer {
    /** The body's length in bytes, or -1 when unknown (the body is then sent chunked). */
    long length();

    /** Starts writing into {@code consumer}; the Deferred fires once everything is written. */
    Deferred<Void> startProducing(Consumer consumer);

    /** Whether {@link #startProducing} may be called again (to retry a request or follow a 307). */
    default boolean isReplayable() {
        return false;
    }

    /** A body of fixed bytes (replayable). */
    static BodyProducer ofBytes(byte[] body) {
        return new FixedBodyProducer(List.of(body), body.length);
    }

    /** A body of the given pieces sent chunked, with no declared length (replayable). */
    static BodyProducer chunked(List<byte[]> pieces) {
        return new FixedBodyProducer(List.copyOf(pieces), -1);
    }
}
