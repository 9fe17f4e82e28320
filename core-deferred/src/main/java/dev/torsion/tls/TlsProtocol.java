package dev.torsion.tls;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.protocols.policies.WrappingProtocol;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS as a protocol stacked on any transport: Twisted's {@code TLSMemoryBIOProtocol}, over the JDK's
 * {@link SSLEngine}. Below, it is a {@link Protocol} of some transport that carries the encrypted
 * bytes (TCP, a pipe, the memory loopback); above, it is the {@link Transport} of the protocol it
 * wraps, which reads and writes plain bytes as if TLS were not there.
 *
 * <pre>{@code
 * reactor.listenTCP(8443, address -> new TlsProtocol(serverOptions, new Echo()));
 * }</pre>
 *
 * <p>The engine comes from {@link TlsOptions#createEngine}, so the policy (versions, suites, host
 * name verification, ALPN, client certificates) is the options'. The wrapped protocol is connected
 * at once; what it writes before the handshake has completed is queued and sent right after. It
 * hears of the completed handshake through {@link TlsHandshakeListener} (or
 * {@link #whenHandshakeDone()}), and can then read {@link #negotiatedApplicationProtocol()} and
 * {@link #peerCertificates()}.
 *
 * <p><b>Closing.</b> {@link #loseConnection()} sends what is queued, then a {@code close_notify},
 * then closes the transport below at once, as Twisted's {@code TLSMemoryBIOProtocol} and Netty's
 * {@code SslHandler} do: it does not wait for the peer's {@code close_notify}, which RFC 8446 (6.1)
 * and RFC 5246 (7.2.1) allow, so a peer that never answers cannot hold the connection open and no
 * timer is needed. {@link #loseWriteConnection()} is TLS's half-close: it sends what is queued and a
 * {@code close_notify}, then shuts the writing side of the transport below when that transport can
 * ({@link HalfCloseableTransport}), and goes on reading until the peer's own {@code close_notify},
 * which closes the transport. A {@code close_notify} from the peer reaches a wrapped
 * {@link HalfCloseableProtocol} as {@code readConnectionLost} when the connection can go on
 * carrying this side's writes (TLS 1.3; the JDK engine does not answer it by itself); on TLS 1.2,
 * where the engine must answer with its own {@code close_notify} at once, and for any other wrapped
 * protocol, this side answers and closes, and the wrapped protocol hears a clean
 * {@code connectionLost} ({@link ConnectionDone}).
 *
 * <p>A failed handshake reaches the wrapped protocol's {@code connectionLost} as a
 * {@link TlsHandshakeError} (naming the peer and the reason); a TLS error after the handshake as a
 * {@link TlsError}; a transport that ended (or whose peer shut its writing) without the peer's
 * {@code close_notify}, after the handshake and without this side having asked to close, as
 * {@link ConnectionLost}: the data may have been cut short by an attacker (a truncation attack).
 *
 * <p>For STARTTLS on a transport that is not natively TLS, see {@link #startTls}.
 */
public class TlsProtocol extends WrappingProtocol implements HalfCloseableTransport, HalfCloseableProtocol {
    private static final Logger log = LoggerFactory.getLogger(TlsProtocol.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final TlsOptions options;
    /** For STARTTLS: the wrapped protocol is already connected to the outer transport. */
    private final boolean upgrade;

    private SSLEngine engine;
    /** Received encrypted bytes not yet unwrapped; kept in write mode. */
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();
    private final List<Deferred<TlsProtocol>> handshakeWaiters = new ArrayList<>();

    /** What the reading side has seen: handshake, then the peer's close_notify ({@link TlsClosePolicy}). */
    private TlsClosePolicy.Inbound inbound = TlsClosePolicy.Inbound.HANDSHAKING;
    private Outbound outbound = Outbound.OPEN;
    private Failure tlsFailure;
    private EngineRun engineRun = EngineRun.IDLE;
    private ReadPause readPause = ReadPause.READING;
    /** Plaintext the engine produced while the wrapped protocol had paused reading, delivered on resume. */
    private final ArrayDeque<byte[]> heldPlaintext = new ArrayDeque<>();
    /**
     * The peer shut its writing ({@code readConnectionLost}) while the wrapped protocol had paused
     * and records that came before that were still kept: told once they are delivered, on resume,
     * since their close_notify (if any) decides whether it is the expected end or a truncation. So
     * the order in which a transport tells the end and resumes its reading does not matter.
     */
    private boolean peerWritingEndHeld;
    /** The transport below ended ({@code connectionLost}): pausing no longer protects anything. */
    private boolean connectionGone;
    /** A server's guard against client-initiated renegotiation; null on a client. */
    private final RenegotiationGuard renegotiationGuard;

    /**
     * This side's writing, in order. Closing happens in the order the protocol asked: what is queued
     * goes out, then close_notify, then the transport below closes ({@link #loseConnection()}) or
     * only shuts its writing ({@link #loseWriteConnection()}).
     */
    private enum Outbound {
        /** Writing. */
        OPEN,
        /** {@link #loseWriteConnection()}: close_notify once what is queued is sent; reading goes on. */
        HALF_CLOSING,
        /** This side's close_notify is sent and the writing below shut; reading goes on. */
        HALF_CLOSED,
        /** {@link #loseConnection()}: close_notify once what is queued is sent, then close below. */
        CLOSING,
        /** Answering the peer's close_notify with this side's, then closing below. */
        ANSWERING,
        /** This side asked to close; its close_notify is sent and the transport below is closing. */
        CLOSED,
        /** The transport below is closing for another reason: both close_notify exchanged, the peer's FIN, an abort, a TLS failure. */
        ENDED;

        /** Whether a {@link #loseConnection()} now has something to do. */
        boolean mayClose() {
            return this == OPEN || this == HALF_CLOSING || this == HALF_CLOSED;
        }

        boolean closeNotifyPending() {
            return this == HALF_CLOSING || this == CLOSING;
        }

        boolean closeNotifySent() {
            return this == HALF_CLOSED || this == CLOSED || this == ENDED;
        }

        /** Whether this side asked for the whole connection's close (an end then is no truncation). */
        boolean closingLocally() {
            return this == CLOSING || this == CLOSED;
        }

        boolean lowerClosing() {
            return this == CLOSED || this == ENDED;
        }

        /** The state once the transport below is told to close. */
        Outbound lowerClosed() {
            return closingLocally() ? CLOSED : ENDED;
        }
    }

    /** The engine loop's re-entrancy: a write from inside {@code dataReceived} only asks for one more round. */
    private enum EngineRun { IDLE, RUNNING, RUN_AGAIN }

    /** Whether the wrapped protocol has paused its reading ({@link #pauseProducing()}). */
    private enum ReadPause { READING, PAUSED }

    /** Wraps {@code wrapped} in TLS with {@code options} (a client's or a server's). */
    public TlsProtocol(TlsOptions options, Protocol wrapped) {
        this(options, wrapped, false);
    }

    private TlsProtocol(TlsOptions options, Protocol wrapped, boolean upgrade) {
        super(wrapped);
        this.options = Objects.requireNonNull(options, "options");
        this.upgrade = upgrade;
        this.renegotiationGuard = options.isClient() ? null : new RenegotiationGuard();
    }

    /**
     * Starts TLS inside a connection that has so far been in the clear, for a transport's
     * {@code startTLS}: {@code application} is already connected (its transport stays the outer one
     * and it is not connected again), and {@code wire} is a view of that transport that writes bytes
     * unencrypted and closes the connection. From this call on the transport routes the bytes it
     * reads to the returned protocol's {@link #dataReceived}, the application's writes to its
     * {@link #write}, its {@code loseConnection} to {@link #loseConnection}, and the end of the
     * connection to {@link #notifyConnectionLost} (which tells the application).
     */
    public static TlsProtocol startTls(TlsOptions options, Protocol application, Transport wire) {
        TlsProtocol tls = new TlsProtocol(options, application, true);
        tls.makeConnection(wire);
        return tls;
    }

    // ---------------------------------------------------------------- the protocol below

    @Override
    public void connectionMade() {
        Address peer = transport().getPeer();
        engine = options.createEngine(hostOf(peer), portOf(peer));
        SSLSession session = engine.getSession();
        netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
        }
        if (!upgrade) {
            wrappedProtocol().makeConnection(this);
        }
        process();
    }

    private static String hostOf(Address address) {
        if (address instanceof IPAddress ip) {
            return ip.host();
        }
        return null;
    }

    private static int portOf(Address address) {
        if (address instanceof IPAddress ip) {
            return ip.port();
        }
        return -1;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (tlsFailure != null || engine == null || engine.isInboundDone()) {
            return;
        }
        if (renegotiationGuard != null && !renegotiationGuard.accept(ByteBuffer.wrap(data))) {
            fail(new SSLException("client-initiated renegotiation refused"));
            return;
        }
        netIn = ensureRoom(netIn, data.length);
        netIn.put(data);
        process();
    }

    /**
     * The transport below ended. When the wrapped protocol has paused and records received before
     * the end are still kept, they are decrypted and delivered now, in order, despite the pause:
     * the connection is gone, so the pause protects nothing, and a protocol that never resumes must
     * still hear {@code connectionLost} to release what it holds (as transport-netty tells a paused
     * protocol everything it held, then the end). A close_notify among them makes the end clean;
     * without one it is a truncation. Whatever the engine writes meanwhile (a close_notify reply)
     * goes to the ended transport, which drops it.
     */
    @Override
    public void connectionLost(Failure reason) {
        connectionGone = true;
        if (keepsUndelivered() && engineRun == EngineRun.IDLE) {
            log.debug("the connection to {} ended while paused; delivering what was kept first", transport().getPeer());
            deliverKept();
        }
        peerWritingEndHeld = false;
        Failure report = reasonForWrapped(reason);
        failHandshakeWaiters(report);
        pendingWrites.clear();
        heldPlaintext.clear();
        if (!upgrade || wrappedProtocol().isConnected()) {
            wrappedProtocol().notifyConnectionLost(report);
        }
    }

    private Failure reasonForWrapped(Failure reason) {
        if (tlsFailure != null) {
            return tlsFailure;
        }
        boolean closingLocally = outbound.closingLocally();
        if (!isHandshakeDone() && closingLocally) {
            return reason;
        }
        if (!isHandshakeDone()) {
            return Failure.of(new TlsHandshakeError("the connection to " + transport().getPeer()
                    + " ended during the TLS handshake: " + reason.getErrorMessage(), reason.value()));
        }
        if (reason.check(ConnectionDone.class) != null && TlsClosePolicy.isTruncation(inbound, closingLocally)) {
            return TlsClosePolicy.truncation(transport().getPeer(), reason.value());
        }
        return reason;
    }

    /**
     * The transport below says the peer shut its writing side. After the peer's {@code close_notify}
     * that is the expected end (the connection closes once this side has sent its own); without it,
     * the data may have been cut short, so the connection closes and the wrapped protocol hears
     * {@link ConnectionLost}. When the wrapped protocol has paused and records received before the
     * shutdown are still kept, this waits until they are delivered (their close_notify makes it
     * the expected end).
     */
    @Override
    public void readConnectionLost() {
        if (keepsUndelivered()) {
            log.debug("{} shut its writing while paused; told after what was kept", transport().getPeer());
            peerWritingEndHeld = true;
            return;
        }
        peerWritingEnded();
    }

    private void peerWritingEnded() {
        if (inbound == TlsClosePolicy.Inbound.CLOSE_NOTIFY_RECEIVED) {
            if (outbound.closeNotifySent()) {
                closeLower();
            }
            return;
        }
        log.debug("{} shut its writing without a TLS close_notify", transport().getPeer());
        closeLower();
    }

    /** The transport below shut its writing side (after our close_notify): tells a half-closeable wrapped protocol. */
    @Override
    public void writeConnectionLost() {
        // After this side's close_notify only: a shutdown below TLS's feet is not the wrapped protocol's.
        if (outbound.closeNotifySent() && wrappedProtocol() instanceof HalfCloseableProtocol half) {
            half.writeConnectionLost();
        }
    }

    // ---------------------------------------------------------------- the transport above

    /** Queues {@code data} to be encrypted and sent; dropped once the connection (or its writing) is closing. */
    @Override
    public void write(byte[] data) {
        if (outbound != Outbound.OPEN || tlsFailure != null) {
            log.debug("dropping {} bytes written to a closing TLS connection", data.length);
            return;
        }
        if (data.length == 0) {
            return;
        }
        pendingWrites.add(ByteBuffer.wrap(data));
        process();
    }

    /** Sends what is queued, then {@code close_notify}, then closes the transport below. */
    @Override
    public void loseConnection() {
        if (!outbound.mayClose()) {
            return;
        }
        boolean halfClosed = outbound == Outbound.HALF_CLOSED;
        outbound = Outbound.CLOSING;
        if (halfClosed) {
            // The writing side was closed already (loseWriteConnection): stop waiting for the peer's.
            closeLower();
            return;
        }
        if (engine != null && !isHandshakeDone() && pendingWrites.isEmpty() && tlsFailure == null) {
            // Nothing to send and no session yet: do not wait for a handshake nobody needs.
            try {
                sendCloseNotify();
            } catch (SSLException e) {
                closeLower();
            }
            return;
        }
        process();
    }

    /**
     * Sends what is queued, then {@code close_notify}, then shuts the writing side of the transport
     * below (if it can); reading goes on until the peer's {@code close_notify}, which closes the
     * transport. Writes after this call are dropped.
     */
    @Override
    public void loseWriteConnection() {
        if (outbound != Outbound.OPEN) {
            return;
        }
        outbound = Outbound.HALF_CLOSING;
        process();
    }

    /** Whether the connection is closing: asked to, failed, or closed by the peer's close_notify. */
    @Override
    public boolean isDisconnecting() {
        return !outbound.mayClose() || tlsFailure != null || transport().isDisconnecting();
    }

    /** Closes the transport below at once, without {@code close_notify}. */
    @Override
    public void abortConnection() {
        outbound = Outbound.ENDED;
        transport().abortConnection();
    }

    /**
     * Stops reading: records already received are not decrypted, and no {@code dataReceived} reaches
     * the wrapped protocol until {@link #resumeProducing()}, even when one read brought several
     * records; the transport below stops reading too. The peer's FIN told meanwhile waits for the
     * records kept ({@link #peerWritingEndHeld}); the connection's end does not wait (see
     * {@link #connectionLost}), and once it came, pausing does nothing.
     */
    @Override
    public void pauseProducing() {
        if (connectionGone) {
            return;
        }
        readPause = ReadPause.PAUSED;
        transport().pauseProducing();
    }

    /**
     * Reads again: first the plaintext held while paused, then the records kept undecrypted, then the
     * end of the peer's writing if the transport below told it meanwhile
     * ({@link #peerWritingEndHeld}), and only then does the transport below read again. Everything kept is
     * delivered before that transport is resumed, so it does not matter whether it tells an end it
     * held at once, inside {@code resumeProducing}, or later.
     */
    @Override
    public void resumeProducing() {
        readPause = ReadPause.READING;
        while (readPause == ReadPause.READING && !heldPlaintext.isEmpty()) {
            wrappedProtocol().dataReceived(heldPlaintext.poll());
        }
        if (readPause == ReadPause.READING) {
            process(); // decrypts the records kept, then tells the end held meanwhile
        }
        if (readPause == ReadPause.READING && !peerWritingEndHeld && isConnected()) {
            transport().resumeProducing();
        }
    }

    /**
     * Whether records that came before an end the transport tells now are still kept from the
     * wrapped protocol: it has paused, and there is plaintext held or a record not decrypted. Not
     * once this side closes or failed: then what is kept is dropped, as before.
     */
    private boolean keepsUndelivered() {
        return readPause == ReadPause.PAUSED && isHandshakeDone() && tlsFailure == null
                && !outbound.closingLocally()
                && (!heldPlaintext.isEmpty() || netIn.position() > 0 && !engine.isInboundDone());
    }

    /**
     * The connection ended while the wrapped protocol had paused with records kept: delivers the
     * plaintext held, then decrypts and delivers the records kept, in order, ignoring the pause
     * ({@link #connectionGone}).
     */
    private void deliverKept() {
        readPause = ReadPause.READING;
        while (!heldPlaintext.isEmpty()) {
            wrappedProtocol().dataReceived(heldPlaintext.poll());
        }
        process();
    }

    /**
     * Tells the peer's FIN held while paused ({@link #peerWritingEndHeld}) once what came before it
     * is delivered: reading again, no plaintext held, and the engine idle (it decrypted what it
     * could). Not from inside the engine's loop: its caller comes here after.
     */
    private void tellHeldEndIfDelivered() {
        if (!peerWritingEndHeld || engineRun != EngineRun.IDLE || readPause != ReadPause.READING
                || !heldPlaintext.isEmpty()) {
            return;
        }
        peerWritingEndHeld = false;
        peerWritingEnded();
    }

    // ---------------------------------------------------------------- what was negotiated

    /** The options this connection runs with. */
    public TlsOptions options() {
        return options;
    }

    /** Whether the handshake has completed. */
    public boolean isHandshakeDone() {
        return inbound != TlsClosePolicy.Inbound.HANDSHAKING;
    }

    /**
     * A new Deferred that fires with this protocol once the handshake has completed (at once if it
     * has), or fails with the {@link TlsError} that ended the connection.
     */
    public Deferred<TlsProtocol> whenHandshakeDone() {
        if (isHandshakeDone()) {
            return Deferred.succeed(this);
        }
        if (tlsFailure != null) {
            return Deferred.fail(tlsFailure);
        }
        Deferred<TlsProtocol> waiter = new Deferred<>();
        handshakeWaiters.add(waiter);
        return waiter;
    }

    /** The ALPN protocol agreed on in the handshake, or null when none was (or it is not done). */
    public String negotiatedApplicationProtocol() {
        if (engine == null || !isHandshakeDone()) {
            return null;
        }
        String chosen = engine.getApplicationProtocol();
        return chosen == null || chosen.isEmpty() ? null : chosen;
    }

    /** The peer's certificate chain, its own first; empty when the peer sent none (or before the handshake). */
    public List<Certificate> peerCertificates() {
        if (engine == null || !isHandshakeDone()) {
            return List.of();
        }
        try {
            return List.of(engine.getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /** The TLS version in use (e.g. {@code TLSv1.3}), or null before the handshake. */
    public String protocolVersion() {
        return isHandshakeDone() ? engine.getSession().getProtocol() : null;
    }

    /** The cipher suite in use, or null before the handshake. */
    public String cipherSuite() {
        return isHandshakeDone() ? engine.getSession().getCipherSuite() : null;
    }

    /** The engine's session: everything else the JDK knows about this connection. */
    public SSLSession session() {
        return engine == null ? null : engine.getSession();
    }

    // ---------------------------------------------------------------- the engine

    /**
     * Runs the engine until it can make no more progress. Re-entrant calls (the wrapped protocol
     * writing from inside {@code dataReceived}) only ask the running loop to go round once more, so
     * that records are produced in order.
     */
    private void process() {
        if (engineRun != EngineRun.IDLE) {
            engineRun = EngineRun.RUN_AGAIN;
            return;
        }
        try {
            do {
                engineRun = EngineRun.RUNNING;
                runEngine();
            } while (engineRun == EngineRun.RUN_AGAIN && engine != null && tlsFailure == null);
        } catch (SSLException e) {
            fail(e);
        } finally {
            engineRun = EngineRun.IDLE;
        }
        tellHeldEndIfDelivered();
    }

    private void runEngine() throws SSLException {
        while (tlsFailure == null && engine != null) {
            HandshakeStatus status = engine.getHandshakeStatus();
            boolean progress;
            switch (status) {
                case NEED_TASK -> {
                    runDelegatedTasks();
                    progress = true;
                }
                case NEED_WRAP -> progress = wrapOnce();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> progress = netIn.position() > 0 && mayUnwrap() && unwrapOnce();
                default -> progress = stepWhileNotHandshaking();
            }
            if (!progress) {
                return;
            }
        }
    }

    private boolean stepWhileNotHandshaking() throws SSLException {
        // An engine closed mid-handshake (the peer's alert or close_notify) is not handshaking
        // either: only an open engine has finished its handshake.
        if (!isHandshakeDone() && !engine.isInboundDone() && !engine.isOutboundDone()) {
            handshakeFinished();
        }
        boolean progress = false;
        if (netIn.position() > 0 && !engine.isInboundDone() && mayUnwrap()) {
            progress = unwrapOnce();
        }
        if (!pendingWrites.isEmpty() && !engine.isOutboundDone()) {
            progress |= wrapOnce();
        }
        if (outbound.closeNotifyPending() && pendingWrites.isEmpty()) {
            sendCloseNotify();
            progress = true;
        }
        return progress;
    }

    /**
     * Sends close_notify, then closes the transport below, or only its writing side when this side
     * half-closes and the peer's close_notify has not come yet.
     */
    private void sendCloseNotify() throws SSLException {
        boolean peerClosed = inbound == TlsClosePolicy.Inbound.CLOSE_NOTIFY_RECEIVED;
        boolean halfClose = outbound == Outbound.HALF_CLOSING && !peerClosed;
        if (halfClose) {
            outbound = Outbound.HALF_CLOSED;
        }
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            if (!wrapOnce()) {
                break;
            }
        }
        if (halfClose) {
            closeLowerWriting();
        } else {
            closeLower();
        }
    }

    /** Whether records may be decrypted now: always during the handshake, else only while reading is not paused. */
    private boolean mayUnwrap() {
        return readPause == ReadPause.READING || !isHandshakeDone();
    }

    /** The half-close below: TCP's shutdown where the transport has it; else the close_notify alone says it. */
    private void closeLowerWriting() {
        log.debug("TLS close_notify sent to {}; reading goes on", transport().getPeer());
        if (transport() instanceof HalfCloseableTransport half) {
            half.loseWriteConnection();
        } else if (wrappedProtocol() instanceof HalfCloseableProtocol wrapped) {
            wrapped.writeConnectionLost();
        }
    }

    private void closeLower() {
        if (!outbound.lowerClosing()) {
            outbound = outbound.lowerClosed();
            transport().loseConnection();
        }
    }

    private boolean wrapOnce() throws SSLException {
        ByteBuffer source = pendingWrites.isEmpty() ? EMPTY : pendingWrites.peek();
        SSLEngineResult result = engine.wrap(source, netOut);
        switch (result.getStatus()) {
            case BUFFER_OVERFLOW -> {
                netOut = grow(netOut, engine.getSession().getPacketBufferSize());
                return true;
            }
            case BUFFER_UNDERFLOW -> throw new SSLException("unexpected underflow while wrapping");
            default -> {
                if (source != EMPTY && !source.hasRemaining()) {
                    pendingWrites.poll();
                }
                flushNetOut();
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeFinished();
                }
                if (result.getStatus() == SSLEngineResult.Status.CLOSED && outbound == Outbound.CLOSING
                        && engine.isOutboundDone()) {
                    closeLower();
                }
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
        }
    }

    private boolean unwrapOnce() throws SSLException {
        netIn.flip();
        SSLEngineResult result;
        try {
            result = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (result.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                netIn = ensureRoom(netIn, engine.getSession().getPacketBufferSize() - netIn.position());
                return false;
            }
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            default -> {
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    handshakeFinished();
                }
                deliverPlaintext();
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    peerClosed();
                    return result.bytesConsumed() > 0;
                }
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
        }
    }

    /**
     * The peer sent close_notify. If this side has sent its own, both are done: close (a wrapped
     * protocol that half-closed hears {@code readConnectionLost} first). If the
     * wrapped protocol can half-close and the engine can still write (TLS 1.3), tell it and keep
     * writing. Otherwise answer with our close_notify and close (TLS 1.2 requires it).
     */
    private void peerClosed() throws SSLException {
        if (inbound == TlsClosePolicy.Inbound.CLOSE_NOTIFY_RECEIVED) {
            return;
        }
        boolean wasHandshakeDone = isHandshakeDone();
        inbound = inbound.closeNotifyReceived();
        log.debug("TLS close_notify received from {}", transport().getPeer());
        boolean ownWritingShut = outbound == Outbound.HALF_CLOSED;
        TlsClosePolicy.OnCloseNotify answer = TlsClosePolicy.onCloseNotify(
                wrappedProtocol() instanceof HalfCloseableProtocol, outbound.closingLocally(), ownWritingShut,
                wasHandshakeDone ? engine.getSession().getProtocol() : null, engine.isOutboundDone());
        if (answer == TlsClosePolicy.OnCloseNotify.HALF_CLOSE) {
            ((HalfCloseableProtocol) wrappedProtocol()).readConnectionLost();
            if (ownWritingShut) {
                closeLower(); // both directions are now done, as after TCP's two FINs
            }
            return;
        }
        if (outbound.closeNotifySent()) {
            closeLower();
            return;
        }
        pendingWrites.clear();
        if (outbound != Outbound.CLOSING) {
            outbound = Outbound.ANSWERING;
        }
        sendCloseNotify();
    }

    private void deliverPlaintext() {
        appIn.flip();
        if (!appIn.hasRemaining()) {
            appIn.clear();
            return;
        }
        byte[] plain = new byte[appIn.remaining()];
        appIn.get(plain);
        appIn.clear();
        if (readPause == ReadPause.PAUSED || !heldPlaintext.isEmpty()) {
            heldPlaintext.add(plain);
        } else {
            wrappedProtocol().dataReceived(plain);
        }
    }

    private void flushNetOut() {
        netOut.flip();
        if (netOut.hasRemaining()) {
            byte[] out = new byte[netOut.remaining()];
            netOut.get(out);
            transport().write(out);
        }
        netOut.clear();
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private void handshakeFinished() {
        if (isHandshakeDone()) {
            return;
        }
        inbound = inbound.handshakeCompleted();
        log.debug("TLS handshake with {} done: {} {} alpn={}", transport().getPeer(), protocolVersion(),
                cipherSuite(), negotiatedApplicationProtocol());
        if (wrappedProtocol() instanceof TlsHandshakeListener listener) {
            listener.handshakeCompleted(this);
        }
        List<Deferred<TlsProtocol>> waiters = new ArrayList<>(handshakeWaiters);
        handshakeWaiters.clear();
        for (Deferred<TlsProtocol> waiter : waiters) {
            waiter.callback(this);
        }
    }

    /** A TLS error: send the engine's alert if it has one, remember the reason, close the transport. */
    private void fail(SSLException error) {
        if (tlsFailure != null) {
            return;
        }
        Address peer = transport().getPeer();
        tlsFailure = Failure.of(isHandshakeDone()
                ? new TlsError("TLS error with " + peer + ": " + error.getMessage(), error)
                : new TlsHandshakeError("TLS handshake with " + peer + " failed: " + error.getMessage(), error));
        log.info("{}", tlsFailure.getErrorMessage());
        pendingWrites.clear();
        sendPendingAlert();
        failHandshakeWaiters(tlsFailure);
        closeLower();
    }

    private void sendPendingAlert() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                netOut.clear();
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                flushNetOut();
                if (result.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (SSLException e) {
            log.debug("no TLS alert could be sent to {}: {}", transport().getPeer(), e.getMessage());
        }
    }

    private void failHandshakeWaiters(Failure reason) {
        List<Deferred<TlsProtocol>> waiters = new ArrayList<>(handshakeWaiters);
        handshakeWaiters.clear();
        for (Deferred<TlsProtocol> waiter : waiters) {
            waiter.errback(reason);
        }
    }

    /** {@code buffer} (in write mode) if it has room for {@code needed} more bytes, else a larger copy. */
    private static ByteBuffer ensureRoom(ByteBuffer buffer, int needed) {
        return buffer.remaining() >= needed ? buffer : grow(buffer, needed);
    }

    /** A copy of {@code buffer} (in write mode) with room for at least {@code atLeast} more bytes. */
    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + atLeast));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    @Override
    public String toString() {
        return "TlsProtocol(" + (options.isClient() ? "client" : "server") + ", " + wrappedProtocol() + ")";
    }
}
