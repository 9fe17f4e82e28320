package dev.torsion.internet;

import java.util.List;

/**
 * Moves bytes for a {@link Protocol}: Twisted's {@code ITransport}. Writes are buffered and never
 * block; they go out in order. A transport is also a {@link Consumer} (a producer can feed it with
 * flow control) and a {@link PushProducer} (pausing it stops reading from the peer).
 *
 * <p>Call it only on the reactor thread.
 */
public interface Transport extends Consumer, PushProducer {
    /** Queues {@code data} to be sent. The transport may keep the array: do not change it afterwards. */
    @Override
    void write(byte[] data);

    /** Queues several pieces, as one write of their concatenation. */
    default void writeSequence(List<byte[]> data) {
        for (byte[] piece : data) {
            write(piece);
        }
    }

    /** Closes the connection once everything written so far has been sent. */
    void loseConnection();

    /** Closes the connection at once, dropping unsent data. */
    void abortConnection();

    /**
     * Whether {@link #loseConnection()} or {@link #abortConnection()} has been called (Twisted's
     * {@code transport.disconnecting}). A protocol that parses several requests out of one read
     * stops once it is true, so that nothing after a request that closed the connection (a QUIT
     * followed by more pipelined commands) is acted on. Transports that cannot tell return false.
     */
    default boolean isDisconnecting() {
        return false;
    }

    /** This side's address. */
    Address getHost();

    /** The peer's address. */
    Address getPeer();
}
