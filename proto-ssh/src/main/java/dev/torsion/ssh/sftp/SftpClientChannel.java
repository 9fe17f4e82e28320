package dev.torsion.ssh.sftp;

import dev.torsion.defer.Deferred;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.transport.SshTransport;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's session channel running the {@code sftp} subsystem (RFC 4254 sections 5 and 6.5):
 * it opens the channel, asks for the subsystem, then carries the {@link SftpClient}'s bytes both
 * ways: out within the server's window and packet size (the rest queued, bounded by the client's
 * requests in flight), in with a window it renews as data arrives.
 */
public final class SftpClientChannel implements SftpPipe {
    private static final Logger log = LoggerFactory.getLogger(SftpClientChannel.class);
    private static final long MAX_WINDOW = 0xffffffffL;

    private final SshTransport connection;
    private final int id;
    private final SshLimits limits;
    private final Runnable onClosed;
    private final Deferred<SftpClient> opened = new Deferred<>();
    private final ArrayDeque<byte[]> output = new ArrayDeque<>();
    private final SftpClient client;
    private SubsystemChannelState state = SubsystemChannelState.OPENING;
    private int remoteId;
    private long remoteWindow;
    private int remoteMaxPacket;
    private int outputOffset;
    private long localWindow;
    private long consumed;
    private boolean started;

    /**
     * A channel numbered {@code id} on {@code connection} (logged in); {@code onClosed} runs once
     * it is closed both ways, to forget it.
     */
    public SftpClientChannel(SshTransport connection, int id, SshLimits limits, Runnable onClosed) {
        this.connection = connection;
        this.id = id;
        this.limits = limits;
        this.onClosed = onClosed;
        this.localWindow = limits.channelWindow();
        this.client = new SftpClient(this);
    }

    /** Sends CHANNEL_OPEN; fires with the SFTP client once the subsystem has answered VERSION. */
    public Deferred<SftpClient> open() {
        connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN).writeString("session").writeUint32(id)
                .writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).toByteArray());
        return opened;
    }

    /** The channel's state. */
    public SubsystemChannelState state() {
        return state;
    }

    /** A connection message for this channel, its recipient number already read. */
    public void message(int type, WireReader reader) throws SshProtocolException {
        switch (type) {
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION:
                confirmed(reader);
                return;
            case MessageNumbers.CHANNEL_OPEN_FAILURE:
                reader.readUint32();
                refused("channel refused: " + reader.readUtf8());
                return;
            case MessageNumbers.CHANNEL_SUCCESS:
                if (state == SubsystemChannelState.REQUESTING) {
                    state = state.started();
                    started = true;
                    client.start().chainDeferred(opened);
                }
                return;
            case MessageNumbers.CHANNEL_FAILURE:
                if (state == SubsystemChannelState.REQUESTING) {
                    sendClose();
                    fail("the server refused the sftp subsystem");
                }
                return;
            case MessageNumbers.CHANNEL_WINDOW_ADJUST:
                remoteWindow += reader.readUint32();
                if (remoteWindow > MAX_WINDOW) {
                    throw SshProtocolException.malformed("window overflow on channel " + id);
                }
                flush();
                return;
            case MessageNumbers.CHANNEL_DATA:
                data(reader.readString(), true);
                return;
            case MessageNumbers.CHANNEL_EXTENDED_DATA:
                reader.readUint32();
                data(reader.readString(), false);
                return;
            case MessageNumbers.CHANNEL_EOF:
                client.connectionLost(null);
                return;
            case MessageNumbers.CHANNEL_CLOSE:
                sendClose();
                lost("the channel closed");
                onClosed.run();
                return;
            case MessageNumbers.CHANNEL_REQUEST:
                reader.readAscii();
                if (reader.readBoolean()) {
                    connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_FAILURE).writeUint32(remoteId)
                            .toByteArray());
                }
                return;
            default:
                throw SshProtocolException.malformed("unexpected channel message " + type);
        }
    }

    private void confirmed(WireReader reader) throws SshProtocolException {
        if (state != SubsystemChannelState.OPENING) {
            throw SshProtocolException.malformed("a second confirmation of channel " + id);
        }
        remoteId = reader.readInt();
        remoteWindow = reader.readUint32();
        remoteMaxPacket = (int) Math.max(1, Math.min(reader.readUint32(), limits.channelMaxPacket()));
        state = state.confirmed();
        connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_REQUEST).writeUint32(remoteId)
                .writeString("subsystem").writeBoolean(true).writeString("sftp").toByteArray());
    }

    private void data(byte[] data, boolean stdout) throws SshProtocolException {
        if (data.length > localWindow || data.length > limits.channelMaxPacket()) {
            throw SshProtocolException.malformed("data beyond the window or packet size on channel " + id);
        }
        localWindow -= data.length;
        consumed += data.length;
        if (stdout) {
            client.dataReceived(data);
        } else {
            log.debug("sftp subsystem stderr: {} bytes", data.length);
        }
        // The client's own requests in flight bound what it holds, so the window is renewed at once.
        if (consumed >= limits.channelWindow() / 2 && state != SubsystemChannelState.CLOSED) {
            connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_WINDOW_ADJUST).writeUint32(remoteId)
                    .writeUint32(consumed).toByteArray());
            localWindow += consumed;
            consumed = 0;
        }
    }

    @Override
    public void send(byte[] data) {
        if (state == SubsystemChannelState.OPEN || state == SubsystemChannelState.REQUESTING) {
            output.add(data);
            flush();
        }
    }

    /** Sends queued bytes within the server's window and packet size. */
    private void flush() {
        while (!output.isEmpty() && remoteWindow > 0 && state == SubsystemChannelState.OPEN) {
            byte[] next = output.peek();
            int size = (int) Math.min(Math.min(next.length - outputOffset, remoteWindow), remoteMaxPacket);
            connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_DATA).writeUint32(remoteId)
                    .writeUint32(size).writeRaw(next, outputOffset, size).toByteArray());
            remoteWindow -= size;
            outputOffset += size;
            if (outputOffset == next.length) {
                output.poll();
                outputOffset = 0;
            }
        }
    }

    @Override
    public void close() {
        if (state == SubsystemChannelState.OPEN) {
            connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_EOF).writeUint32(remoteId).toByteArray());
        }
        sendClose();
    }

    private void sendClose() {
        if (state == SubsystemChannelState.REQUESTING || state == SubsystemChannelState.OPEN) {
            connection.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            state = state.closing();
        }
    }

    private void refused(String reason) {
        state = state.closed();
        fail(reason);
        onClosed.run();
    }

    private void fail(String reason) {
        SshProtocolException error = new SshProtocolException(DisconnectReason.BY_APPLICATION, reason);
        if (started) {
            // The client's start() is chained to opened: its failure reaches the caller from there.
            client.connectionLost(error);
        } else if (!opened.isCalled()) {
            opened.errback(error);
        }
    }

    private void lost(String reason) {
        state = state.closed();
        output.clear();
        fail(reason);
    }

    /** The connection went away. */
    public void connectionLost() {
        lost("connection lost");
    }
}
