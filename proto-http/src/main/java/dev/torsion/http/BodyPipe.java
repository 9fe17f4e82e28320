package dev.torsion.http;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import java.util.ArrayDeque;

/**
 * Carries a message body from the connection it arrives on to the {@link Protocol} it is delivered
 * to: a response body to the client's reader, a streamed request body to the server's resource.
 *
 * <p>To the receiving protocol the pipe is a read-only transport: {@code pauseProducing} and
 * {@code resumeProducing} reach the {@code source} (the connection's reading), {@code loseConnection}
 * stops the body ({@code source.stopProducing()}), and {@code connectionLost} gets the reason given
 * to {@link #end}. Until a protocol is given, pieces are buffered, and past the buffer limit the source is
 * paused so that a body nobody reads yet does not fill the memory.
 */
public final class BodyPipe implements Transport {
    private final int bufferLimit;
    private final PushProducer source;
    private final Transport connection;
    private final ArrayDeque<byte[]> buffered = new ArrayDeque<>();
    private int bufferedBytes;
    private boolean pausedForBuffer;
    private boolean pausedByReceiver;
    private boolean sourcePaused;
    private boolean discarding;
    private Protocol receiver;
    private Failure ending;
    private boolean ended;

    /**
     * A pipe whose flow control goes to {@code source}, showing {@code connection}'s addresses, that
     * buffers up to {@code bufferLimit} bytes before a protocol is given.
     */
    public BodyPipe(PushProducer source, Transport connection, int bufferLimit) {
        if (bufferLimit <= 0) {
            throw new IllegalArgumentException("bufferLimit must be positive: " + bufferLimit);
        }
        this.bufferLimit = bufferLimit;
        this.source = source;
        this.connection = connection;
    }

    /** Hands on one piece of the body (buffered until a protocol is given; dropped once discarding). */
    public void data(byte[] piece) {
        if (ended || discarding) {
            return;
        }
        if (receiver != null) {
            receiver.dataReceived(piece);
            return;
        }
        buffered.add(piece);
        bufferedBytes += piece.length;
        if (bufferedBytes > bufferLimit && !pausedForBuffer) {
            pausedForBuffer = true;
            updateSource();
        }
    }

    /** Ends the body with {@code reason}: the receiver's {@code connectionLost} gets it (now, or once it is given). */
    public void end(Failure reason) {
        if (ended) {
            return;
        }
        ended = true;
        ending = reason;
        updateSource();
        if (receiver != null) {
            receiver.notifyConnectionLost(reason);
        }
    }

    /** Whether {@link #end} was called. */
    public boolean isEnded() {
        return ended;
    }

    /** Whether a protocol was given. */
    public boolean isDelivered() {
        return receiver != null;
    }

    /**
     * Drops what is buffered and every later piece, and lifts the pipe's pauses: for a body that
     * the connection must read to its end though nobody wants it any more.
     */
    public void discard() {
        discarding = true;
        buffered.clear();
        bufferedBytes = 0;
        pausedForBuffer = false;
        pausedByReceiver = false;
        updateSource();
    }

    /** Starts delivering to {@code protocol}: what was buffered first, then the rest as it comes. */
    public void deliverTo(Protocol protocol) {
        if (receiver != null) {
            throw new IllegalStateException("the body was already delivered");
        }
        if (discarding) {
            throw new IllegalStateException("the body is being dropped: it was not asked for in time");
        }
        receiver = protocol;
        protocol.makeConnection(this);
        while (!buffered.isEmpty() && receiver.isConnected() && !discarding) {
            receiver.dataReceived(buffered.poll());
        }
        buffered.clear();
        bufferedBytes = 0;
        pausedForBuffer = false;
        updateSource();
        if (ending != null) {
            receiver.notifyConnectionLost(ending);
        }
    }

    private void updateSource() {
        boolean pause = !ended && !discarding && (pausedForBuffer || pausedByReceiver);
        if (pause != sourcePaused) {
            sourcePaused = pause;
            if (pause) {
                source.pauseProducing();
            } else {
                source.resumeProducing();
            }
        }
    }

    /** A body cannot be written to: the receiving protocol only reads it. */
    @Override
    public void write(byte[] data) {
        throw new IllegalStateException("a message body is read-only");
    }

    /** Stops the body: nothing more is delivered and the source is told to stop. */
    @Override
    public void loseConnection() {
        if (!ended && !discarding) {
            discard();
            source.stopProducing();
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

    /** A body is not a consumer: registering a producer on it is a programming error. */
    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        throw new IllegalStateException("a message body does not consume");
    }

    @Override
    public void unregisterProducer() {
        throw new IllegalStateException("a message body does not consume");
    }

    @Override
    public void pauseProducing() {
        pausedByReceiver = true;
        updateSource();
    }

    @Override
    public void resumeProducing() {
        pausedByReceiver = false;
        updateSource();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }
}
