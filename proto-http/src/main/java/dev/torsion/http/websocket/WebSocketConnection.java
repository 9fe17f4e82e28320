package dev.torsion.http.websocket;

import dev.torsion.defer.Failure;
import dev.torsion.http.websocket.codec.CloseCodes;
import dev.torsion.http.websocket.codec.Frame;
import dev.torsion.http.websocket.codec.FrameDecoder;
import dev.torsion.http.websocket.codec.FrameEncoder;
import dev.torsion.http.websocket.codec.Message;
import dev.torsion.http.websocket.codec.MessageDecoder;
import dev.torsion.http.websocket.codec.MessageDeflater;
import dev.torsion.http.websocket.codec.MessageInflater;
import dev.torsion.http.websocket.codec.Opcode;
import dev.torsion.http.websocket.codec.PerMessageDeflate;
import dev.torsion.http.websocket.codec.Side;
import dev.torsion.http.websocket.codec.WebSocketException;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection after its opening handshake, server or client side: decodes the peer's
 * frames into calls of a {@link WebSocketProtocol}, encodes what it sends, and runs the closing
 * handshake with its deadline. Bad input fails the connection (RFC 6455 section 7.1.7): a Close
 * frame with the code the input earns (1002, 1007, 1009), a log line, and the TCP connection closed.
 *
 * <p>Closing: the side that receives a Close answers it (section 5.5.1, echoing the code); a server
 * then closes the TCP connection, a client waits for the server to (section 7.1.1), for at most
 * {@link WebSocketLimits#closeTimeout()}. A Close this side sends must be answered within the same
 * time, or the connection is closed anyway; the transport's close deadline then aborts a peer that
 * does not take the last bytes.
 *
 * <p>Keep-alive ({@link WebSocketLimits#pingInterval()}, {@link WebSocketLimits#idleTimeout()}): one
 * timer, not one per read, looks at how long the peer has been silent: a Ping goes out after each
 * ping interval of silence, and silence as long as the idle timeout closes the connection with 1001.
 * Reads only note the time; the timer re-arms itself for the next moment something may be due.
 */
public final class WebSocketConnection extends Protocol implements WebSocket, HalfCloseableProtocol {
    private static final Logger log = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final SecureRandom MASKS = new SecureRandom();
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int MAX_CLOSE_REASON = 123;

    private final Side side;
    private final WebSocketProtocol handler;
    private final WebSocketLimits limits;
    private final Clock clock;
    private final String subprotocol;
    private final FrameDecoder frames;
    private final MessageDecoder messages;
    private final MessageDeflater deflater;
    private final MessageInflater inflater;

    private WebSocketState state = WebSocketState.OPEN;
    private boolean paused;
    private boolean processing;
    private CloseStatus status;
    private DelayedCall closeTimer;
    /** When the peer was last heard from (or reading resumed), on the clock's nanoTime. */
    private long lastHeard;
    /** When the last keep-alive Ping went out, or {@link Long#MIN_VALUE} when none did in this silence. */
    private long lastPing = Long.MIN_VALUE;
    private DelayedCall keepAliveTimer;

    /**
     * A connection for {@code side}, calling {@code handler}; {@code deflate} is the agreed
     * permessage-deflate (null when none), {@code subprotocol} the agreed one (or null).
     */
    public WebSocketConnection(Side side, WebSocketProtocol handler, WebSocketLimits limits, Clock clock,
            PerMessageDeflate deflate, String subprotocol) {
        this.side = side;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.limits = limits;
        this.clock = clock;
        this.subprotocol = subprotocol;
        this.frames = new FrameDecoder(side, limits.maxFramePayload());
        Side peer = side == Side.SERVER ? Side.CLIENT : Side.SERVER;
        if (deflate != null) {
            frames.allowRsv1();
            deflater = new MessageDeflater(limits.compressionLevel(), deflate.noContextTakeover(side));
            inflater = new MessageInflater(deflate.noContextTakeover(peer));
        } else {
            deflater = null;
            inflater = null;
        }
        this.messages = new MessageDecoder(limits.maxMessageSize(), inflater);
    }

    @Override
    public void connectionMade() {
        lastHeard = clock.nanoTime();
        armKeepAlive();
        try {
            handler.onOpen(this);
        } catch (RuntimeException e) {
            handlerFailed("onOpen", e);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state == WebSocketState.CLOSING || state == WebSocketState.CLOSED) {
            // RFC 6455 section 5.5.1: nothing is to follow the peer's Close, nor matters after a failure.
            return;
        }
        heard();
        frames.feed(data);
        process();
    }

    @Override
    public void connectionLost(Failure reason) {
        WebSocketState before = state;
        state = WebSocketState.CLOSED;
        cancelCloseTimer();
        if (keepAliveTimer != null && keepAliveTimer.active()) {
            keepAliveTimer.cancel();
        }
        if (deflater != null) {
            deflater.close();
            inflater.close();
        }
        if (before == WebSocketState.CLOSED) {
            return;
        }
        CloseStatus ended = status != null ? status : new CloseStatus(CloseCodes.ABNORMAL, "", false);
        try {
            handler.onClose(ended);
        } catch (RuntimeException e) {
            log.warn("onClose failed for {}", this, e);
        }
    }

    /** The peer ended its sending side: no Close frame can come any more. */
    @Override
    public void readConnectionLost() {
        if (status == null) {
            status = new CloseStatus(CloseCodes.ABNORMAL, "", false);
        }
        closeTransport();
    }

    @Override
    public void writeConnectionLost() {
        closeTransport();
    }

    // ---------------------------------------------------------------- keep-alive

    private void heard() {
        lastHeard = clock.nanoTime();
        lastPing = Long.MIN_VALUE;
    }

    /** Arms the keep-alive timer for the next moment a Ping or the idle timeout may be due (nothing when both are off). */
    private void armKeepAlive() {
        Duration interval = limits.pingInterval();
        Duration idle = limits.idleTimeout();
        if (interval == null && idle == null) {
            return;
        }
        long now = clock.nanoTime();
        long due = Long.MAX_VALUE;
        if (idle != null) {
            due = lastHeard + idle.toNanos();
        }
        if (interval != null) {
            long since = lastPing == Long.MIN_VALUE ? lastHeard : lastPing;
            due = Math.min(due, since + interval.toNanos());
        }
        keepAliveTimer = clock.callLater(Duration.ofNanos(Math.max(0, due - now)), this::keepAliveDue);
    }

    /**
     * OPEN → CLOSE_SENT when the peer was silent for the idle timeout (1001, going away); otherwise
     * a Ping when it was silent for a ping interval since it was heard or last pinged. A side that
     * paused its own reading hears nothing by its own choice: that time does not count.
     */
    private void keepAliveDue() {
        keepAliveTimer = null;
        if (state != WebSocketState.OPEN) {
            return;
        }
        long now = clock.nanoTime();
        if (paused) {
            lastHeard = now;
            lastPing = Long.MIN_VALUE;
        }
        Duration idle = limits.idleTimeout();
        if (idle != null && now - lastHeard >= idle.toNanos()) {
            log.info("nothing from {} for {}: closing the WebSocket", transportPeer(), idle);
            close(CloseCodes.GOING_AWAY, "idle timeout");
            return;
        }
        Duration interval = limits.pingInterval();
        long since = lastPing == Long.MIN_VALUE ? lastHeard : lastPing;
        if (interval != null && now - since >= interval.toNanos()) {
            sendFrame(Opcode.PING, new byte[0]);
            lastPing = now;
        }
        armKeepAlive();
    }

    // ---------------------------------------------------------------- receiving

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!paused && (state == WebSocketState.OPEN || state == WebSocketState.CLOSE_SENT)) {
                Frame frame = frames.next();
                if (frame == null) {
                    break;
                }
                Message message = messages.frame(frame);
                if (message != null) {
                    deliver(message);
                }
            }
        } catch (WebSocketException e) {
            fail(e.closeCode(), e.getMessage());
        } finally {
            processing = false;
        }
    }

    private void deliver(Message message) {
        try {
            if (message instanceof Message.Text text) {
                handler.onText(text.text());
            } else if (message instanceof Message.Binary binary) {
                handler.onBinary(binary.data());
            } else if (message instanceof Message.Ping ping) {
                pingReceived(ping.data());
            } else if (message instanceof Message.Pong pong) {
                handler.onPong(pong.data());
            } else if (message instanceof Message.Close close) {
                closeReceived(close.code(), close.reason());
            }
        } catch (RuntimeException e) {
            handlerFailed(message.getClass().getSimpleName(), e);
        }
    }

    /** RFC 6455 section 5.5.2: a Ping is answered with a Pong carrying its data, as soon as practical. */
    private void pingReceived(byte[] data) {
        if (state == WebSocketState.OPEN) {
            sendFrame(Opcode.PONG, data);
        }
        handler.onPing(data);
    }

    /** OPEN → CLOSING (the Close answered), or CLOSE_SENT → CLOSING: the closing handshake is done. */
    private void closeReceived(int code, String reason) {
        boolean answering = state == WebSocketState.OPEN;
        status = new CloseStatus(code, reason, true);
        if (answering) {
            // RFC 6455 section 5.5.1: the endpoint answers with a Close, typically echoing the code.
            byte[] payload = code == CloseCodes.NO_STATUS ? new byte[0] : FrameEncoder.closePayload(code, new byte[0]);
            sendFrame(Opcode.CLOSE, payload);
        }
        state = WebSocketState.CLOSING;
        cancelCloseTimer();
        try {
            handler.onCloseFrame(code, reason);
        } finally {
            closeTransportAfterHandshake();
        }
    }

    /** RFC 6455 section 7.1.1: the server closes the TCP connection first; a client gives it the close timeout to. */
    private void closeTransportAfterHandshake() {
        if (side == Side.SERVER) {
            closeTransport();
        } else {
            closeTimer = clock.callLater(limits.closeTimeout(), this::closeTransport);
        }
    }

    /** Any state → CLOSING with {@code code} sent: RFC 6455 section 7.1.7, "Fail the WebSocket Connection". */
    private void fail(int code, String why) {
        log.info("failing the WebSocket connection with {} ({}): {}", transportPeer(), code, why);
        if (state == WebSocketState.OPEN) {
            sendFrame(Opcode.CLOSE, FrameEncoder.closePayload(code, new byte[0]));
        }
        if (status == null) {
            status = new CloseStatus(code, why, false);
        }
        state = WebSocketState.CLOSING;
        cancelCloseTimer();
        closeTransport();
    }

    private void handlerFailed(String call, RuntimeException e) {
        log.error("the WebSocket handler failed in {} for {}", call, transportPeer(), e);
        if (state == WebSocketState.OPEN || state == WebSocketState.CLOSE_SENT) {
            fail(CloseCodes.INTERNAL_ERROR, "handler failed");
        }
    }

    // ---------------------------------------------------------------- sending

    @Override
    public void sendText(String text) {
        sendMessage(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendBinary(byte[] data) {
        sendMessage(Opcode.BINARY, data);
    }

    private void sendMessage(Opcode opcode, byte[] data) {
        if (state != WebSocketState.OPEN) {
            // RFC 6455 section 5.5.1: no data frame after this side's Close.
            return;
        }
        boolean compressed = deflater != null;
        byte[] payload = compressed ? deflater.deflate(data) : data;
        int frameSize = limits.maxFramePayload();
        if (payload.length <= frameSize) {
            transport().write(encode(opcode, true, compressed, payload));
            return;
        }
        // A message larger than a frame goes out in fragments (RFC 6455 section 5.4), so that a peer
        // with this side's frame limit takes it; RSV1 marks the first only (RFC 7692 section 6.1).
        List<byte[]> fragments = new ArrayList<>(payload.length / frameSize + 1);
        for (int offset = 0; offset < payload.length; offset += frameSize) {
            int end = Math.min(payload.length, offset + frameSize);
            boolean first = offset == 0;
            fragments.add(encode(first ? opcode : Opcode.CONTINUATION, end == payload.length, first && compressed,
                    Arrays.copyOfRange(payload, offset, end)));
        }
        transport().writeSequence(fragments);
    }

    @Override
    public void ping(byte[] data) {
        if (data.length > MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("a Ping carries at most 125 bytes, not " + data.length);
        }
        if (state == WebSocketState.OPEN) {
            sendFrame(Opcode.PING, data);
        }
    }

    /** OPEN → CLOSE_SENT: this side's Close goes out and the peer's is awaited. */
    @Override
    public void close(int code, String reason) {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (!CloseCodes.isSendable(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 section 7.4)");
        }
        if (reasonBytes.length > MAX_CLOSE_REASON) {
            throw new IllegalArgumentException("a close reason has at most 123 UTF-8 bytes, not " + reasonBytes.length);
        }
        if (state != WebSocketState.OPEN) {
            return;
        }
        sendFrame(Opcode.CLOSE, FrameEncoder.closePayload(code, reasonBytes));
        state = WebSocketState.CLOSE_SENT;
        closeTimer = clock.callLater(limits.closeTimeout(), this::closeTimedOut);
    }

    /** CLOSE_SENT → CLOSING: the peer did not answer the Close in time. */
    private void closeTimedOut() {
        closeTimer = null;
        if (state == WebSocketState.CLOSE_SENT) {
            log.info("no Close answered by {} within {}: closing", transportPeer(), limits.closeTimeout());
            state = WebSocketState.CLOSING;
            status = new CloseStatus(CloseCodes.ABNORMAL, "the closing handshake timed out", false);
            closeTransport();
        }
    }

    /** A control frame, whole. */
    private void sendFrame(Opcode opcode, byte[] payload) {
        transport().write(encode(opcode, true, false, payload));
    }

    private byte[] encode(Opcode opcode, boolean fin, boolean compressed, byte[] payload) {
        byte[] mask = null;
        if (side == Side.CLIENT) {
            // RFC 6455 section 5.3: a fresh, unpredictable key for every frame a client sends.
            mask = new byte[4];
            MASKS.nextBytes(mask);
        }
        return FrameEncoder.encode(opcode, fin, compressed, payload, mask);
    }

    private void closeTransport() {
        closeTimer = null;
        if (state != WebSocketState.CLOSED) {
            if (state == WebSocketState.OPEN || state == WebSocketState.CLOSE_SENT) {
                state = WebSocketState.CLOSING;
            }
            transport().loseConnection();
        }
    }

    private void cancelCloseTimer() {
        if (closeTimer != null && closeTimer.active()) {
            closeTimer.cancel();
        }
        closeTimer = null;
    }

    // ---------------------------------------------------------------- flow control

    /** Stops reading messages: the transport stops reading, and frames already in wait. */
    @Override
    public void pauseProducing() {
        if (!paused) {
            paused = true;
            transport().pauseProducing();
        }
    }

    /** Reads again: the frames waiting are delivered first. */
    @Override
    public void resumeProducing() {
        if (paused) {
            paused = false;
            heard();
            transport().resumeProducing();
            process();
        }
    }

    /** Stops for good: the connection is closed as going away (1001). */
    @Override
    public void stopProducing() {
        close(CloseCodes.GOING_AWAY, "");
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        transport().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport().unregisterProducer();
    }

    // ---------------------------------------------------------------- what it is

    @Override
    public WebSocketState state() {
        return state;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public boolean isCompressed() {
        return deflater != null;
    }

    @Override
    public Address getPeer() {
        return transport().getPeer();
    }

    private Object transportPeer() {
        return transport() == null ? "?" : transport().getPeer();
    }

    @Override
    public String toString() {
        return "<WebSocket " + side + " " + state + " " + transportPeer() + ">";
    }
}
