package dev.torsion.testing;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.tls.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A transport that records what is written to it, for driving a protocol byte by byte in tests:
 * Twisted's {@code StringTransport}. Nothing is sent anywhere: read {@link #value()}, feed the
 * protocol with its own {@code dataReceived}, and end the connection with {@link #closeConnection}.
 *
 * <pre>{@code
 * StringTransport transport = new StringTransport();
 * Echo echo = new Echo();
 * echo.makeConnection(transport);
 * echo.dataReceived("hi".getBytes());
 * assertEquals("hi", transport.valueAsString());
 * }</pre>
 */
public class StringTransport implements HalfCloseableTransport, TlsCapableTransport {
    /** The state of this transport's own reading, which a protocol can pause. */
    public enum ProducerState {
        /** Reading. */
        PRODUCING,
        /** Paused by {@link #pauseProducing()}. */
        PAUSED,
        /** Stopped by {@link #stopProducing()}. */
        STOPPED
    }

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Address host;
    private final Address peer;
    private Producer producer;
    private boolean streaming;
    private boolean disconnecting;
    private boolean aborted;
    private boolean writeClosed;
    private boolean lost;
    private ProducerState producerState = ProducerState.PRODUCING;
    private TlsOptions tlsOptions;
    private int tlsStartedAt = -1;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
    private Duration roundTripTime;

    /** A transport between 10.0.0.1:12345 (this side) and 192.168.1.1:54321 (the peer), as Twisted's. */
    public StringTransport() {
        this(new IPv4Address(SocketType.TCP, "10.0.0.1", 12345), new IPv4Address(SocketType.TCP, "192.168.1.1", 54321));
    }

    /** A transport with the given addresses. */
    public StringTransport(Address host, Address peer) {
        this.host = host;
        this.peer = peer;
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(byte[] data) {
        if (writeClosed) {
            throw new IllegalStateException("write after loseWriteConnection");
        }
        written.writeBytes(data);
    }

    @Override
    public void loseConnection() {
        disconnecting = true;
    }

    @Override
    public void abortConnection() {
        aborted = true;
        disconnecting = true;
    }

    @Override
    public void loseWriteConnection() {
        writeClosed = true;
    }

    /** Records the close timeout (see {@link #closeTimeout()}); nothing is timed here. */
    @Override
    public void setCloseTimeout(Duration timeout) {
        closeTimeout = timeout;
    }

    /** Records the send timeout (see {@link #sendTimeout()}); nothing is timed here. */
    @Override
    public void setSendTimeout(Duration timeout) {
        sendTimeout = timeout;
    }

    /** The round-trip time set by {@link #setRoundTripTime} (empty until one is: a transport that cannot tell). */
    @Override
    public Optional<Duration> roundTripTime() {
        return Optional.ofNullable(roundTripTime);
    }

    /**
     * Sets the round-trip time this transport reports, as the kernel would for a real connection,
     * to test what a protocol does on a short or a long path; null: unknown again.
     */
    public void setRoundTripTime(Duration rtt) {
        roundTripTime = rtt;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public Address getPeer() {
        return peer;
    }

    @Override
    public void registerProducer(Producer newProducer, boolean isStreaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered: " + producer);
        }
        producer = newProducer;
        streaming = isStreaming;
    }

    @Override
    public void unregisterProducer() {
        if (producer == null) {
            throw new IllegalStateException("no producer is registered");
        }
        producer = null;
    }

    @Override
    public void pauseProducing() {
        requireNotStopped();
        producerState = ProducerState.PAUSED;
    }

    @Override
    public void resumeProducing() {
        requireNotStopped();
        producerState = ProducerState.PRODUCING;
    }

    @Override
    public void stopProducing() {
        producerState = ProducerState.STOPPED;
    }

    private void requireNotStopped() {
        if (producerState == ProducerState.STOPPED) {
            throw new IllegalStateException("cannot pause or resume a stopped transport");
        }
    }

    /**
     * Records that TLS was asked for, with which options and after how many written bytes; the
     * bytes stay in the clear so that the test can keep reading them. To run real TLS in memory,
     * connect the two ends with {@link IOPump} instead.
     */
    @Override
    public void startTLS(TlsOptions options) {
        if (tlsOptions != null) {
            throw new IllegalStateException("startTLS was already called");
        }
        tlsOptions = options;
        tlsStartedAt = written.size();
    }

    // ---------------------------------------------------------------- for tests

    /** The options {@link #startTLS} was called with, or null when it was not. */
    public TlsOptions tlsOptions() {
        return tlsOptions;
    }

    /**
     * How many bytes had been written when {@link #startTLS} was called (-1 if it was not), so a
     * test can check that a reply went out in the clear before the switch.
     */
    public int tlsStartedAfterBytes() {
        return tlsStartedAt;
    }

    /**
     * The close timeout last set by the protocol ({@link #DEFAULT_CLOSE_TIMEOUT} until it sets one;
     * null or zero: off), so a protocol test can check what its protocol asked for.
     */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The send timeout last set by the protocol ({@link #DEFAULT_SEND_TIMEOUT} until it sets one; null or zero: off). */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Everything written so far. */
    public byte[] value() {
        return written.toByteArray();
    }

    /** Everything written so far, decoded as UTF-8 (ASCII protocols read best this way). */
    public String valueAsString() {
        return new String(value(), StandardCharsets.UTF_8);
    }

    /** Forgets what was written so far. */
    public void clear() {
        written.reset();
    }

    /** Whether {@link #loseConnection()} or {@link #abortConnection()} was called. */
    @Override
    public boolean isDisconnecting() {
        return disconnecting;
    }

    /** Whether {@link #abortConnection()} was called. */
    public boolean isAborted() {
        return aborted;
    }

    /** Whether {@link #loseWriteConnection()} was called. */
    public boolean isWriteConnectionClosed() {
        return writeClosed;
    }

    /** The registered producer, or null. */
    public Producer producer() {
        return producer;
    }

    /** Whether the registered producer is a push (streaming) producer. */
    public boolean isStreaming() {
        return streaming;
    }

    /** Whether the protocol has paused or stopped this transport's reading. */
    public ProducerState producerState() {
        return producerState;
    }

    /**
     * Ends the connection as a real transport would: tells the producer to stop and the protocol
     * that the connection is lost, cleanly ({@link ConnectionDone}) or not ({@link ConnectionLost}).
     * Does nothing when the connection was already ended.
     */
    public void closeConnection(Protocol protocol, boolean clean) {
        if (lost) {
            return;
        }
        lost = true;
        if (producer != null) {
            producer.stopProducing();
        }
        Failure reason = Failure.of(clean
                ? new ConnectionDone("Connection was closed cleanly.")
                : new ConnectionLost("Connection to the other side was lost in a non-clean fashion."));
        protocol.notifyConnectionLost(reason);
    }
}
