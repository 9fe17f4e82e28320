package dev.torsion.ssh.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A {@code direct-tcpip} channel (RFC 4254 section 7.2) relaying to a TCP connection. Bytes from
 * the TCP peer go out within the SSH peer's window; while the window is closed, reading from the
 * TCP peer pauses (backpressure), and resumes on SSH_MSG_CHANNEL_WINDOW_ADJUST. EOF and close pass
 * both ways.
 */
final class ForwardChannel extends Protocol implements ServerChannel, HalfCloseableProtocol {
    private static final long MAX_WINDOW = 0xffffffffL;

    private final SshServerProtocol server;
    private final int id;
    private int remoteId;
    private int remoteMaxPacket;
    private final byte[] outgoingOpen;
    private boolean confirmed;
    private boolean tcpInputEnded;
    private boolean eofSent;
    private boolean peerEof;
    private final SshLimits limits;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private long remoteWindow;
    private long localWindow;
    private long consumed;
    private ChannelState state = ChannelState.OPEN;
    private boolean paused;

    ForwardChannel(SshServerProtocol server, int id, int remoteId, long remoteWindow, int remoteMaxPacket,
            SshLimits limits) {
        this(server, id, remoteId, remoteWindow, remoteMaxPacket, limits, null);
    }

    /**
     * A {@code forwarded-tcpip} channel (RFC 4254 section 7.2) for a connection accepted on a
     * remote forward: opened towards the client once the TCP connection is made.
     */
    static ForwardChannel forwarded(SshServerProtocol server, int id, SshLimits limits, String boundAddress,
            int boundPort, String originatorHost, int originatorPort) {
        byte[] open = WireWriter.message(MessageNumbers.CHANNEL_OPEN).writeString("forwarded-tcpip").writeUint32(id)
                .writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).writeString(boundAddress)
                .writeUint32(boundPort).writeString(originatorHost).writeUint32(originatorPort).toByteArray();
        return new ForwardChannel(server, id, 0, 0, 1024, limits, open);
    }

    private ForwardChannel(SshServerProtocol server, int id, int remoteId, long remoteWindow, int remoteMaxPacket,
            SshLimits limits, byte[] outgoingOpen) {
        this.outgoingOpen = outgoingOpen;
        this.server = server;
        this.id = id;
        this.remoteId = remoteId;
        this.remoteWindow = remoteWindow;
        this.remoteMaxPacket = Math.max(1, Math.min(remoteMaxPacket, limits.maxPacketLength() - 1024));
        this.limits = limits;
        this.localWindow = limits.channelWindow();
    }

    // ---------------------------------------------------------------- the TCP side

    @Override
    public void connectionMade() {
        if (state == ChannelState.CLOSED) {
            transport().loseConnection(); // the SSH connection ended while this one was being made
            return;
        }
        if (outgoingOpen != null) {
            // Nothing is read from the TCP peer until the client confirms the channel.
            paused = true;
            transport().pauseProducing();
            server.sendPacket(outgoingOpen);
            return;
        }
        state = ChannelState.RUNNING;
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).writeUint32(remoteId)
                .writeUint32(id).writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).toByteArray());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != ChannelState.RUNNING) {
            return;
        }
        pending.add(data);
        flush();
    }

    @Override
    public void connectionLost(Failure reason) {
        if (state == ChannelState.RUNNING) {
            state = ChannelState.ENDING;
            flush();
        } else if (state == ChannelState.OPEN && outgoingOpen != null) {
            state = ChannelState.ENDING; // EOF and CLOSE follow the client's confirmation
        }
    }

    /** The TCP peer finished sending (a half-close): EOF goes to the SSH peer once the data has. */
    @Override
    public void readConnectionLost() {
        tcpInputEnded = true;
        flush();
    }

    @Override
    public void writeConnectionLost() {
        // The SSH peer's EOF already reached the TCP peer.
    }

    private void flush() {
        while (!pending.isEmpty() && remoteWindow > 0) {
            byte[] next = pending.poll();
            int size = (int) Math.min(Math.min(next.length, remoteWindow), remoteMaxPacket);
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_DATA).writeUint32(remoteId).writeUint32(size)
                    .writeRaw(next, 0, size).toByteArray());
            remoteWindow -= size;
            if (size < next.length) {
                pending.addFirst(Arrays.copyOfRange(next, size, next.length));
            }
        }
        boolean full = !pending.isEmpty();
        if (full != paused && isConnected()) {
            paused = full;
            if (full) {
                transport().pauseProducing();
            } else {
                transport().resumeProducing();
            }
        }
        if (state == ChannelState.RUNNING && tcpInputEnded && pending.isEmpty() && !eofSent) {
            sendEof();
            if (peerEof) {
                closeBothWays();
            }
        }
        if (state == ChannelState.ENDING && pending.isEmpty()) {
            if (!eofSent) {
                sendEof();
            }
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            state = ChannelState.CLOSE_SENT;
        }
    }

    private void sendEof() {
        eofSent = true;
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_EOF).writeUint32(remoteId).toByteArray());
    }

    /** Both sides sent EOF over a half-closed connection: the channel and the connection end. */
    private void closeBothWays() {
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
        state = ChannelState.CLOSE_SENT;
        if (isConnected()) {
            transport().loseConnection();
        }
    }

    // ---------------------------------------------------------------- the SSH side

    @Override
    public void message(int type, WireReader reader) throws SshProtocolException {
        switch (type) {
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION:
                if (outgoingOpen == null || confirmed || state != ChannelState.OPEN && state != ChannelState.ENDING) {
                    throw SshProtocolException.malformed("unexpected confirmation of channel " + id);
                }
                confirmed = true;
                remoteId = reader.readInt();
                remoteWindow = reader.readUint32();
                remoteMaxPacket = Math.max(1, Math.min(reader.readInt(), limits.maxPacketLength() - 1024));
                if (state == ChannelState.OPEN) {
                    state = ChannelState.RUNNING;
                }
                flush();
                return;
            case MessageNumbers.CHANNEL_OPEN_FAILURE:
                if (outgoingOpen == null || confirmed) {
                    throw SshProtocolException.malformed("unexpected open failure of channel " + id);
                }
                terminate();
                server.channelClosed(id);
                return;
            case MessageNumbers.CHANNEL_WINDOW_ADJUST:
                remoteWindow += reader.readUint32();
                if (remoteWindow > MAX_WINDOW) {
                    throw SshProtocolException.malformed("window overflow on channel " + id);
                }
                flush();
                return;
            case MessageNumbers.CHANNEL_DATA:
                data(reader.readString());
                return;
            case MessageNumbers.CHANNEL_EOF:
                peerEof = true;
                if (eofSent && state == ChannelState.RUNNING) {
                    closeBothWays();
                } else if (isConnected() && transport() instanceof HalfCloseableTransport halfClose) {
                    halfClose.loseWriteConnection();
                } else if (isConnected()) {
                    transport().loseConnection();
                }
                return;
            case MessageNumbers.CHANNEL_CLOSE:
                if (state != ChannelState.CLOSE_SENT) {
                    server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
                }
                terminate();
                server.channelClosed(id);
                return;
            case MessageNumbers.CHANNEL_REQUEST:
                reader.readAscii();
                if (reader.readBoolean()) {
                    server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_FAILURE).writeUint32(remoteId).toByteArray());
                }
                return;
            default:
                // extended data, success, failure: nothing to do for a TCP relay
        }
    }

    private void data(byte[] data) throws SshProtocolException {
        if (data.length > localWindow || data.length > limits.channelMaxPacket()) {
            throw SshProtocolException.malformed("data beyond the window or packet size on channel " + id);
        }
        localWindow -= data.length;
        consumed += data.length;
        if (isConnected()) {
            transport().write(data);
        }
        if (consumed >= limits.channelWindow() / 2) {
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(remoteId)
                    .writeUint32(consumed).toByteArray());
            localWindow += consumed;
            consumed = 0;
        }
    }

    @Override
    public void terminate() {
        state = ChannelState.CLOSED;
        pending.clear();
        if (isConnected()) {
            transport().loseConnection();
        }
    }
}
