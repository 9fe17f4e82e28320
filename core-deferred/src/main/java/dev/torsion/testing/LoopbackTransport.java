package dev.torsion.testing;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PullProducer;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * One end of an in-memory connection made by {@link IOPump}: Twisted's {@code iosim.FakeTransport}.
 * Writes are buffered until the pump moves them to the other end. It supports half-close, producers
 * (a push producer is paused while more than the pump's high-water mark is buffered; a pull producer
 * is asked for more on each pump round while the buffer is empty), pausing its reading, and
 * {@link #startTLS} through {@link TlsProtocol#startTls}.
 *
 * <p>Deadlines: the pump has no clock (nothing happens between its calls), so the close and send
 * timeouts a protocol sets with {@link #setCloseTimeout} and {@link #setSendTimeout} are recorded
 * ({@link #closeTimeout()}, {@link #sendTimeout()}) but never fire here. To test what a protocol
 * does when a deadline fires, abort the connection ({@link #abortConnection()}) where the deadline
 * would have; the deadlines themselves are tested on real sockets in transport-netty.
 */
public final class LoopbackTransport implements TlsCapableTransport, HalfCloseableTransport {
    private final IOPump pump;
    private final String name;
    private final Address host;
    private final Address peer;
    private Protocol protocol;
    private final ByteArrayOutputStream outgoing = new ByteArrayOutputStream();
    private Producer producer;
    private boolean streaming;
    private boolean producerPaused;
    private boolean readPaused;
    private boolean disconnecting;
    private boolean aborted;
    private boolean writeClosed;
    private boolean eofSent;
    private boolean disconnected;
    private TlsProtocol startedTls;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;
    private Duration roundTripTime;

    LoopbackTransport(IOPump pump, String name, Address host, Address peer) {
        this.pump = pump;
        this.name = name;
        this.host = host;
        this.peer = peer;
    }

    void attach(Protocol newProtocol) {
        this.protocol = newProtocol;
        newProtocol.makeConnection(this);
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(byte[] data) {
        if (startedTls != null) {
            startedTls.write(data);
        } else {
            writeRaw(data);
        }
    }

    private void writeRaw(byte[] data) {
        if (disconnecting || disconnected || writeClosed) {
            return;
        }
        outgoing.writeBytes(data);
        if (producer instanceof PushProducer push && streaming && !producerPaused
                && outgoing.size() > pump.writeBufferHighWater()) {
            producerPaused = true;
            push.pauseProducing();
        }
    }

    @Override
    public void loseConnection() {
        if (startedTls != null) {
            startedTls.loseConnection();
        } else {
            disconnecting = true;
        }
    }

    @Override
    public void abortConnection() {
        aborted = true;
        disconnecting = true;
        outgoing.reset();
    }

    @Override
    public void loseWriteConnection() {
        if (startedTls != null) {
            startedTls.loseWriteConnection();
        } else {
            writeClosed = true;
        }
    }

    /** Records the close timeout; the pump has no clock, so it never fires (see the class comment). */
    @Override
    public void setCloseTimeout(Duration timeout) {
        closeTimeout = timeout;
    }

    /** Records the send timeout; the pump has no clock, so it never fires (see the class comment). */
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
        producerPaused = false;
        if (disconnected) {
            newProducer.stopProducing();
        }
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        producerPaused = false;
    }

    @Override
    public void pauseProducing() {
        readPaused = true;
    }

    @Override
    public void resumeProducing() {
        readPaused = false;
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public void startTLS(TlsOptions options) {
        if (startedTls != null) {
            throw new IllegalStateException("TLS was already started on " + name);
        }
        startedTls = TlsProtocol.startTls(options, protocol, new Wire());
    }

    // ---------------------------------------------------------------- for tests

    /** The protocol this transport feeds (a {@link TlsProtocol} when the pump runs TLS). */
    public Protocol protocol() {
        return protocol;
    }

    @Override
    public SSLSession tlsSession() {
        return startedTls == null || !startedTls.isHandshakeDone() ? null : startedTls.session();
    }

    /** The TLS layer started with {@link #startTLS}, or null. */
    public TlsProtocol startedTls() {
        return startedTls;
    }

    /** Whether this end asked to close (or abort), directly or through the TLS started on it. */
    @Override
    public boolean isDisconnecting() {
        return disconnecting || (startedTls != null && startedTls.isDisconnecting());
    }

    /** Whether this end's protocol has been told the connection is lost. */
    public boolean isDisconnected() {
        return disconnected;
    }

    /** Whether this end's reading is paused. */
    public boolean isReadingPaused() {
        return readPaused;
    }

    /** The close timeout last set ({@link #DEFAULT_CLOSE_TIMEOUT} until one is). */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The send timeout last set ({@link #DEFAULT_SEND_TIMEOUT} until one is). */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Bytes written and not yet moved by the pump. */
    public int bufferedBytes() {
        return outgoing.size();
    }

    /** The registered producer, or null. */
    public Producer producer() {
        return producer;
    }

    @Override
    public String toString() {
        return "LoopbackTransport(" + name + ")";
    }

    // ---------------------------------------------------------------- used by the pump

    /** Moves this end's buffered bytes to {@code other}; true when something happened. */
    boolean transferTo(LoopbackTransport other) {
        boolean moved = false;
        if (outgoing.size() > 0 && !other.readPaused && !other.disconnected) {
            byte[] data = outgoing.toByteArray();
            outgoing.reset();
            if (producerPaused && producer instanceof PushProducer push) {
                producerPaused = false;
                push.resumeProducing();
            }
            other.receive(data);
            moved = true;
        }
        if (writeClosed && !eofSent && outgoing.size() == 0 && !other.disconnected) {
            eofSent = true;
            moved = true;
            if (bottom() instanceof HalfCloseableProtocol self) {
                self.writeConnectionLost();
            }
            if (other.bottom() instanceof HalfCloseableProtocol half) {
                half.readConnectionLost();
            } else {
                other.disconnecting = true;
            }
        }
        return moved;
    }

    /** Asks a pull producer for more when the buffer is empty; true when it did something. */
    boolean pullFromProducer() {
        if (!(producer instanceof PullProducer pull) || streaming || disconnecting || disconnected
                || outgoing.size() > 0) {
            return false;
        }
        Producer before = producer;
        pull.resumeProducing();
        return outgoing.size() > 0 || producer != before;
    }

    /** Whether this end is ready to be closed: it asked to, and everything it wrote has gone. */
    boolean readyToClose() {
        return disconnecting && !disconnected && outgoing.size() == 0;
    }

    boolean wasAborted() {
        return aborted;
    }

    /** The protocol that hears this end's raw events: the TLS layer once started, so it sees every FIN. */
    private Protocol bottom() {
        return startedTls != null ? startedTls : protocol;
    }

    private void receive(byte[] data) {
        if (startedTls != null) {
            startedTls.dataReceived(data);
        } else {
            protocol.dataReceived(data);
        }
    }

    void connectionLost(Failure reason) {
        if (disconnected) {
            return;
        }
        disconnected = true;
        disconnecting = true;
        if (producer != null) {
            producer.stopProducing();
        }
        if (startedTls != null) {
            startedTls.notifyConnectionLost(reason);
        } else {
            protocol.notifyConnectionLost(reason);
        }
    }

    /** This transport as the TLS layer sees it: bytes written go out unencrypted. */
    private final class Wire implements HalfCloseableTransport {
        @Override
        public void write(byte[] data) {
            writeRaw(data);
        }

        @Override
        public void loseConnection() {
            disconnecting = true;
        }

        @Override
        public void abortConnection() {
            LoopbackTransport.this.abortConnection();
        }

        /** The TLS layer's FIN after its close_notify. */
        @Override
        public void loseWriteConnection() {
            writeClosed = true;
        }

        @Override
        public void setCloseTimeout(Duration timeout) {
            LoopbackTransport.this.setCloseTimeout(timeout);
        }

        @Override
        public void setSendTimeout(Duration timeout) {
            LoopbackTransport.this.setSendTimeout(timeout);
        }

        @Override
        public Optional<Duration> roundTripTime() {
            return LoopbackTransport.this.roundTripTime();
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
            LoopbackTransport.this.registerProducer(newProducer, isStreaming);
        }

        @Override
        public void unregisterProducer() {
            LoopbackTransport.this.unregisterProducer();
        }

        @Override
        public void pauseProducing() {
            LoopbackTransport.this.pauseProducing();
        }

        @Override
        public void resumeProducing() {
            LoopbackTransport.this.resumeProducing();
        }

        @Override
        public void stopProducing() {
            disconnecting = true;
        }

        @Override
        public boolean isDisconnecting() {
            return disconnecting;
        }
    }
}
