package dev.torsion.http.resource;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.http.client.BodyProducer;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.RequestBodyDone;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Protocol;

/**
 * The streamed body of a request this server is receiving, as the body of a request this server
 * sends: what a proxy forwards while it still arrives. Pausing it pauses the reading from the
 * client, so a slow backend slows the upload down instead of filling the memory. It has the
 * client's Content-Length when the client gave one, else it goes out chunked. It can be produced
 * once (a streamed body is not kept), and only from a resource that
 * {@linkplain Resource#streamsRequestBody streams its request body}.
 */
public final class RequestBodyProducer implements BodyProducer {
    private final Request request;
    private final long length;
    private Protocol receiver;
    private boolean paused;
    private boolean stopped;

    /** The body of {@code request}, which must stream ({@link Request#isBodyStreamed()}). */
    public RequestBodyProducer(Request request) {
        if (!request.isBodyStreamed()) {
            throw new IllegalArgumentException(request + " does not stream its body");
        }
        this.request = request;
        String declared = request.getHeader("Content-Length");
        this.length = declared == null || request.getHeader("Transfer-Encoding") != null ? -1 : Long.parseLong(declared.trim());
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public Deferred<Void> startProducing(Consumer consumer) {
        Deferred<Void> done = new Deferred<>();
        receiver = new Protocol() {
            @Override
            public void connectionMade() {
                if (paused) {
                    transport().pauseProducing();
                }
            }

            @Override
            public void dataReceived(byte[] data) {
                consumer.write(data);
            }

            @Override
            public void connectionLost(Failure reason) {
                if (stopped) {
                    return;
                }
                if (reason.check(RequestBodyDone.class) != null) {
                    done.callback(null);
                } else {
                    done.errback(reason);
                }
            }
        };
        request.deliverBody(receiver);
        return done;
    }

    @Override
    public void pauseProducing() {
        paused = true;
        if (receiver != null && receiver.isConnected()) {
            receiver.transport().pauseProducing();
        }
    }

    @Override
    public void resumeProducing() {
        paused = false;
        if (receiver != null && receiver.isConnected()) {
            receiver.transport().resumeProducing();
        }
    }

    /** Stops reading the body; as Twisted's {@code IBodyProducer} asks, the Deferred of the start never fires then. */
    @Override
    public void stopProducing() {
        stopped = true;
        if (receiver != null && receiver.isConnected()) {
            receiver.transport().loseConnection();
        }
    }
}
