package dev.torsion.internet;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves bytes for a {@link Protocol}: Twisted's {@code ITransport}. Writes are buffered and never
 * block; they go out in order. A transport is also a {@link Consumer} (a producer can feed it with
 * flow control) and a {@link PushProducer} (pausing it stops reading from the peer).
 *
 * <p><b>Deadlines.</b> A transport that can keeps every connection from being held forever by a peer
 * that stops reading: after {@link #loseConnection()}, the output still pending must be taken by the
 * peer within the close timeout ({@link #DEFAULT_CLOSE_TIMEOUT}, as Twisted's
 * {@code HTTPChannel.abortTimeout}), and while output is pending some of it must be taken within
 * the send timeout ({@link #DEFAULT_SEND_TIMEOUT}, as nginx's {@code send_timeout}); otherwise the
 * connection is aborted and the protocol hears {@code connectionLost} with
 * {@link dev.torsion.internet.error.ConnectionAborted}. A protocol tunes them per connection with
 * {@link #setCloseTimeout} and {@link #setSendTimeout}. A peer that reads slowly but steadily is
 * never cut by the send timeout.
 *
 * <p><b>Backpressure.</b> A transport that can also stops reading from the peer while its unwritten
 * output is above its high-water mark (and pauses a registered streaming producer), and reads again
 * below its low-water mark, so a peer that sends requests and never reads the answers cannot grow
 * this side's memory. This combines with the protocol's own {@link #pauseProducing()}: reading
 * resumes only once neither wants it paused.
 *
 * <p>Call it only on the reactor thread.
 */
public interface Transport extends Consumer, PushProducer {
    /** How long {@link #loseConnection()} waits for the peer to take pending output before aborting. */
    Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** How long pending output may make no progress at all before the connection is aborted. */
    Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(60);

    /** Queues {@code data} to be sent. The transport may keep the array: do not change it afterwards. */
    @Override
    void write(byte[] data);

    /**
     * Queues the bytes of {@code data} between its position and its limit, and moves its position
     * to its limit. The transport keeps no reference to {@code data}: the caller may reuse it at
     * once. The default copies the bytes into an array for {@link #write(byte[])}; a transport with
     * its own buffers copies them there (transport-netty: once, into a pooled direct buffer), and
     * one that lent the buffer to a {@link BufferProtocol} may send the lent view without a copy.
     */
    default void write(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        write(copy);
    }

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

    /**
     * Sets how long this connection's {@link #loseConnection()} (and
     * {@link HalfCloseableTransport#loseWriteConnection()}) may wait for the peer to take the pending
     * output before the connection is aborted; null or zero turns the deadline off. Takes effect
     * for a close already under way too. Transports that cannot apply it ignore it (the default).
     */
    default void setCloseTimeout(Duration timeout) {
    }

    /**
     * Sets how long output may stay pending with no byte taken by the peer before the connection
     * is aborted; null or zero turns the deadline off. Transports that cannot apply it ignore it
     * (the default).
     */
    default void setSendTimeout(Duration timeout) {
    }

    /**
     * The connection's round-trip time as the kernel smooths it (TCP's {@code srtt}, from
     * {@code TCP_INFO}), when this transport can tell; empty when it cannot (the default: a
     * transport over the JDK's selectors, a UNIX socket, a pipe, one in memory that was given none).
     * It may change over the connection's life, so ask again when it matters rather than keeping
     * the first answer. A protocol uses it to size what it keeps in flight: a window that is many
     * times the bandwidth-delay product of a short path buys nothing. It may cost a system call:
     * ask when a decision depends on it (a flow-control message), not for every write.
     */
    default Optional<Duration> roundTripTime() {
        return Optional.empty();
    }

    /** This side's address. */
    Address getHost();

    /** The peer's address. */
    Address getPeer();
}
