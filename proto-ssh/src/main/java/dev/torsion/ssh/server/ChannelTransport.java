package dev.torsion.ssh.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One SSH channel (RFC 4254 section 5) as a {@link HalfCloseableTransport}, so that the core relay
 * ({@code dev.torsion.protocols.portforward.Proxy}) can join it to a TCP connection as it joins
 * two sockets. Flow control both ways: what is written goes out within the peer's window and
 * packet size, and above a high-water mark of unsent bytes the registered producer (the TCP
 * transport) is paused until window adjustments drain them; while this transport is paused (the
 * TCP peer reads slowly), no SSH_MSG_CHANNEL_WINDOW_ADJUST is sent, so the SSH peer's window
 * closes (section 5.2). {@link #loseWriteConnection()} is SSH_MSG_CHANNEL_EOF and
 * {@link #loseConnection()} SSH_MSG_CHANNEL_CLOSE, each after the pending bytes, within the
 * close timeout.
 */
final class ChannelTransport implements HalfCloseableTransport {
    private static final long MAX_WINDOW = 0xffffffffL;

    /** What the transport is doing, from open to closed both ways. */
    enum State {
        /** Bytes flow both ways. */
        OPEN,
        /** EOF is to be sent once the pending bytes have gone. */
        WRITE_CLOSING,
        /** EOF sent: the peer may still send. */
        WRITE_CLOSED,
        /** CLOSE is to be sent once the pending bytes have gone. */
        CLOSING,
        /** CLOSE sent; waiting for the peer's. */
        CLOSE_SENT,
        /** Closed both ways: the protocol has heard connectionLost. */
        CLOSED
    }

    private final SshServerProtocol server;
    private final int remoteId;
    private final int remoteMaxPacket;
    private final SshLimits limits;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final long highWater;
    private Protocol protocol;
    private State state = State.OPEN;
    private long remoteWindow;
    private long localWindow;
    private long consumed;
    private long pendingBytes;
    private Producer producer;
    private boolean producerPaused;
    private boolean readingPaused;
    private boolean eofSent;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private DelayedCall closeDeadline;

    ChannelTransport(SshServerProtocol server, int remoteId, long remoteWindow, int remoteMaxPacket, SshLimits limits) {
        this.server = server;
        this.remoteId = remoteId;
        this.remoteWindow = remoteWindow;
        this.remoteMaxPacket = Math.max(1, Math.min(remoteMaxPacket, limits.maxPacketLength() - 1024));
        this.limits = limits;
        this.localWindow = limits.channelWindow();
        this.highWater = 4L * limits.channelMaxPacket();
    }

    /** Connects {@code value} to this channel. */
    void connect(Protocol value) {
        protocol = value;
        value.makeConnection(this);
    }

    State state() {
        return state;
    }

    // ---------------------------------------------------------------- from the SSH peer

    /** SSH_MSG_CHANNEL_WINDOW_ADJUST. */
    void windowAdjusted(long bytes) throws SshProtocolException {
        remoteWindow += bytes;
        if (remoteWindow > MAX_WINDOW) {
            throw SshProtocolException.malformed("window overflow on channel " + remoteId);
        }
        flush();
    }

    /** SSH_MSG_CHANNEL_DATA (or extended data, {@code deliver} false: it only uses up window). */
    void dataReceived(byte[] data, boolean deliver) throws SshProtocolException {
        if (data.length > localWindow || data.length > limits.channelMaxPacket()) {
            throw SshProtocolException.malformed("data beyond the window or packet size on channel " + remoteId);
        }
        localWindow -= data.length;
        consumed += data.length;
        if (deliver && state != State.CLOSED) {
            protocol.dataReceived(data);
        }
        adjustWindow();
    }

    /** SSH_MSG_CHANNEL_EOF: the peer sends no more. */
    void eofReceived() {
        if (state != State.CLOSED && protocol instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
        } else if (state != State.CLOSED) {
            loseConnection();
        }
    }

    /** SSH_MSG_CHANNEL_CLOSE: answered with ours if not sent yet; the protocol hears connectionLost. */
    void closeReceived() {
        if (state != State.CLOSE_SENT && state != State.CLOSED) {
            eofSent = true; // the channel is over: no EOF after the peer's CLOSE
            sendClose();
        }
        lost();
    }

    /** The SSH connection went away. */
    void lost() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        pending.clear();
        pendingBytes = 0;
        cancelDeadline();
        protocol.notifyConnectionLost(Failure.of(new ConnectionDone("channel closed")));
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(byte[] data) {
        if (data.length == 0 || state != State.OPEN) {
            return;
        }
        pending.add(data);
        pendingBytes += data.length;
        flush();
    }

    @Override
    public void loseConnection() {
        if (state == State.OPEN || state == State.WRITE_CLOSING || state == State.WRITE_CLOSED) {
            state = State.CLOSING;
            startDeadline();
            flush();
        }
    }

    @Override
    public void abortConnection() {
        if (state != State.CLOSE_SENT && state != State.CLOSED) {
            pending.clear();
            pendingBytes = 0;
            state = State.CLOSING;
            flush();
        }
    }

    @Override
    public void loseWriteConnection() {
        if (state == State.OPEN) {
            state = State.WRITE_CLOSING;
            startDeadline();
            flush();
        }
    }

    @Override
    public boolean isDisconnecting() {
        return state == State.CLOSING || state == State.CLOSE_SENT || state == State.CLOSED;
    }

    @Override
    public void setCloseTimeout(Duration timeout) {
        closeTimeout = timeout;
    }

    @Override
    public void registerProducer(Producer value, boolean streaming) {
        if (producer != null) {
            throw new IllegalStateException("a producer is already registered");
        }
        producer = value;
        producerPaused = false;
        flush();
    }

    @Override
    public void unregisterProducer() {
        producer = null;
        producerPaused = false;
    }

    /** The consumer of what the SSH peer sends is full: stop opening the peer's window. */
    @Override
    public void pauseProducing() {
        readingPaused = true;
    }

    @Override
    public void resumeProducing() {
        readingPaused = false;
        adjustWindow();
    }

    @Override
    public void stopProducing() {
        loseConnection();
    }

    @Override
    public Address getHost() {
        return server.transport().getHost();
    }

    @Override
    public Address getPeer() {
        return server.transport().getPeer();
    }

    // ---------------------------------------------------------------- internals

    /** RFC 4254 section 5.2: the window is opened again once half of it is used, unless reading is paused. */
    private void adjustWindow() {
        if (!readingPaused && consumed >= limits.channelWindow() / 2 && state != State.CLOSE_SENT
                && state != State.CLOSED) {
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(remoteId)
                    .writeUint32(consumed).toByteArray());
            localWindow += consumed;
            consumed = 0;
        }
    }

    /** The SSH connection's output drained below its low-water mark: send what waits. */
    void outputResumed() {
        flush();
    }

    /**
     * Sends what the window allows while the SSH connection's output is under its high-water mark;
     * pauses or resumes the producer; sends EOF or CLOSE once all is out.
     */
    private void flush() {
        while (!pending.isEmpty() && remoteWindow > 0 && server.canSendData()) {
            byte[] next = pending.poll();
            int size = (int) Math.min(Math.min(next.length, remoteWindow), remoteMaxPacket);
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_DATA).writeUint32(remoteId).writeUint32(size)
                    .writeRaw(next, 0, size).toByteArray());
            remoteWindow -= size;
            pendingBytes -= size;
            if (size < next.length) {
                pending.addFirst(Arrays.copyOfRange(next, size, next.length));
            }
        }
        throttleProducer();
        if (!pending.isEmpty()) {
            return;
        }
        if (state == State.WRITE_CLOSING) {
            state = State.WRITE_CLOSED;
            cancelDeadline();
            sendEof();
            if (protocol instanceof HalfCloseableProtocol halfCloseable) {
                halfCloseable.writeConnectionLost();
            }
        } else if (state == State.CLOSING) {
            sendClose();
        }
    }

    private void throttleProducer() {
        if (producer instanceof PushProducer push) {
            if (!producerPaused && pendingBytes > highWater) {
                producerPaused = true;
                push.pauseProducing();
            } else if (producerPaused && pendingBytes <= highWater / 2) {
                producerPaused = false;
                push.resumeProducing();
            }
        }
    }

    private void sendEof() {
        eofSent = true;
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_EOF).writeUint32(remoteId).toByteArray());
    }

    /** CLOSE, after EOF when it has not gone yet (section 5.3: the data and EOF go first). */
    private void sendClose() {
        state = State.CLOSE_SENT;
        cancelDeadline();
        if (!eofSent) {
            sendEof();
        }
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
    }

    /** A peer that never opens its window does not hold a closing channel forever. */
    private void startDeadline() {
        if (closeDeadline == null && closeTimeout != null && !closeTimeout.isZero()) {
            closeDeadline = server.clock().callLater(closeTimeout, () -> {
                closeDeadline = null;
                if (state == State.WRITE_CLOSING || state == State.CLOSING) {
                    abortConnection();
                }
            });
        }
    }

    private void cancelDeadline() {
        if (closeDeadline != null && closeDeadline.active()) {
            closeDeadline.cancel();
        }
        closeDeadline = null;
    }
}
