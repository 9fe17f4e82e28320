package dev.torsion.http.client;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import java.util.ArrayDeque;

/**
 * Carries a response body from the connection to the protocol it is delivered to, buffering it
 * until then (pausing the connection once the buffer is large). To the receiving protocol it is a
 * transport whose pause and resume reach the connection, and whose close stops the body.
 */
final class BodyPipe implements Transport {
    private static final int BUFFER_LIMIT = 256 * 1024;

    private final Transport connection;
    private final Runnable abort;
    private final ArrayDeque<byte[]> buffered = new ArrayDeque<>();
    private int bufferedBytes;
    private boolean pausedForBuffer;
    private Protocol receiver;
    private Failure ending;
    private boolean ended;

    BodyPipe(Transport connection, Runnable abort) {
        this.connection = connection;
        this.abort = abort;
    }

    void data(byte[] piece) {
        if (ended) {
            return;
        }
        if (receiver != null) {
            receiver.dataReceived(piece);
            return;
        }
        buffered.add(piece);
        bufferedBytes += piece.length;
        if (bufferedBytes > BUFFER_LIMIT && !pausedForBuffer) {
            pausedForBuffer = true;
            connection.pauseProducing();
        }
    }

    void end(Failure reason) {
        if (ended) {
            return;
        }
        ended = true;
        ending = reason;
        if (receiver != null) {
            receiver.notifyConnectionLost(reason);
        }
    }

    boolean isEnded() {
        return ended;
    }

    void deliverTo(Protocol protocol) {
        receiver = protocol;
        protocol.makeConnection(this);
        while (!buffered.isEmpty() && receiver.isConnected()) {
            receiver.dataReceived(buffered.poll());
        }
        buffered.clear();
        bufferedBytes = 0;
        if (pausedForBuffer) {
            pausedForBuffer = false;
            connection.resumeProducing();
        }
        if (ending != null) {
            receiver.notifyConnectionLost(ending);
        }
    }

    /** A response body cannot be written to: the receiving protocol only reads it. */
    @Override
    public void write(byte[] data) {
        throw new IllegalStateException("a response body is read-only");
    }

    /** Stops the body: the connection is dropped, as it cannot be reused mid-body. */
    @Override
    public void loseConnection() {
        if (!ended) {
            abort.run();
        }
    }

    @Override
    public void abortConnection() {
        loseConnection();
    }

    @Override
    public Address getHost() {
        return connection.getHost();
    }

    @Override
    public Address getPeer() {
        return connection.getPeer();
    }

    /** A response body is not a consumer: registering a producer on it is a programming error. */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        throw new IllegalStateException("a response body does not consume");
    }

    @Override
    public void unregisterProducer() {
        throw new IllegalStateException("a response body does not consume");
    }

    @Override
    public void pauseProducing() {
        connection.pauseProducing();
    }

    @Override
    public void resumeProducing() {
        connection.resumeProducing();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }
}
