package dev.torsion.ssh.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.portforward.Proxy;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.codec.MessageNumbers;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.codec.WireWriter;

/**
 * A {@code direct-tcpip} or {@code forwarded-tcpip} channel (RFC 4254 sections 7.1 and 7.2) joined
 * to its TCP connection by the core relay: the channel is a {@link ChannelTransport} under one
 * {@link Proxy}, the TCP connection is under the other, and {@link Proxy#link} makes each
 * transport the other's producer, so a slow reader on either side holds back the other (the SSH
 * window one way, pauseProducing on the TCP connection the other). EOF and close pass both ways
 * as half-closes.
 */
final class ForwardChannel implements ServerChannel {
    private final SshServerProtocol server;
    private final int id;
    private final SshLimits limits;
    /** For forwarded-tcpip: the CHANNEL_OPEN sent once the TCP connection is accepted; null for direct-tcpip. */
    private final byte[] outgoingOpen;
    private final TcpSide tcp = new TcpSide();
    private final Proxy sshSide = new Proxy() {
    };
    private ChannelState state = ChannelState.OPEN;
    private int remoteId;
    private long remoteWindow;
    private int remoteMaxPacket;
    private ChannelTransport channel;

    private ForwardChannel(SshServerProtocol server, int id, SshLimits limits, byte[] outgoingOpen, int remoteId,
            long remoteWindow, int remoteMaxPacket) {
        this.server = server;
        this.id = id;
        this.limits = limits;
        this.outgoingOpen = outgoingOpen;
        this.remoteId = remoteId;
        this.remoteWindow = remoteWindow;
        this.remoteMaxPacket = remoteMaxPacket;
    }

    /** A direct-tcpip channel the client opened: confirmed once the TCP connection is made. */
    static ForwardChannel direct(SshServerProtocol server, int id, int remoteId, long remoteWindow, int remoteMaxPacket,
            SshLimits limits) {
        return new ForwardChannel(server, id, limits, null, remoteId, remoteWindow, remoteMaxPacket);
    }

    /**
     * A {@code forwarded-tcpip} channel for a connection accepted on a remote forward: opened towards
     * the client once the TCP connection is made, nothing read from it until the client confirms.
     */
    static ForwardChannel forwarded(SshServerProtocol server, int id, SshLimits limits, String boundAddress,
            int boundPort, String originatorHost, int originatorPort) {
        byte[] open = WireWriter.message(MessageNumbers.CHANNEL_OPEN).writeString("forwarded-tcpip").writeUint32(id)
                .writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).writeString(boundAddress)
                .writeUint32(boundPort).writeString(originatorHost).writeUint32(originatorPort).toByteArray();
        return new ForwardChannel(server, id, limits, open, 0, 0, 1024);
    }

    /** The protocol for the TCP connection: the relay's TCP side. */
    Protocol tcpProtocol() {
        return tcp;
    }

    /** The relay's side that stands on the TCP connection, telling this channel when it comes and goes. */
    private final class TcpSide extends Proxy {
        @Override
        public void connectionMade() {
            tcpConnected();
        }

        @Override
        public void connectionLost(Failure reason) {
            super.connectionLost(reason);
            tcpLost();
        }
    }

    private void tcpConnected() {
        if (state == ChannelState.CLOSED) {
            tcp.transport().loseConnection(); // the SSH connection ended while this one was being made
            return;
        }
        if (outgoingOpen != null) {
            tcp.transport().pauseProducing();
            server.sendPacket(outgoingOpen);
            return;
        }
        server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).writeUint32(remoteId)
                .writeUint32(id).writeUint32(limits.channelWindow()).writeUint32(limits.channelMaxPacket()).toByteArray());
        relay();
    }

    /** Both sides are up: the channel becomes a transport and the relay joins the two. */
    private void relay() {
        state = ChannelState.RUNNING;
        channel = new ChannelTransport(server, remoteId, remoteWindow, remoteMaxPacket, limits);
        channel.connect(sshSide);
        sshSide.link(tcp);
        if (outgoingOpen != null && tcp.isConnected()) {
            tcp.transport().resumeProducing();
        }
    }

    /** The TCP connection is gone; once linked, the relay has already closed the channel's side. */
    private void tcpLost() {
        if (state == ChannelState.OPEN && outgoingOpen != null) {
            state = ChannelState.ENDING; // CLOSE follows the client's confirmation
        }
    }

    @Override
    public void message(int type, WireReader reader) throws SshProtocolException {
        switch (type) {
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION:
                confirmed(reader);
                return;
            case MessageNumbers.CHANNEL_OPEN_FAILURE:
                if (outgoingOpen == null || channel != null) {
                    throw SshProtocolException.malformed("unexpected open failure of channel " + id);
                }
                terminate();
                server.channelClosed(id);
                return;
            case MessageNumbers.CHANNEL_WINDOW_ADJUST:
                open().windowAdjusted(reader.readUint32());
                return;
            case MessageNumbers.CHANNEL_DATA:
                open().dataReceived(reader.readString(), true);
                return;
            case MessageNumbers.CHANNEL_EXTENDED_DATA:
                reader.readUint32();
                open().dataReceived(reader.readString(), false);
                return;
            case MessageNumbers.CHANNEL_EOF:
                open().eofReceived();
                return;
            case MessageNumbers.CHANNEL_CLOSE:
                if (channel != null) {
                    channel.closeReceived();
                } else if (state != ChannelState.CLOSE_SENT) {
                    server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
                }
                state = ChannelState.CLOSED;
                server.channelClosed(id);
                return;
            case MessageNumbers.CHANNEL_REQUEST:
                reader.readAscii();
                if (reader.readBoolean()) {
                    server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_FAILURE).writeUint32(remoteId).toByteArray());
                }
                return;
            default:
                // success, failure: we send no requests
        }
    }

    /** The client confirmed our forwarded-tcpip channel (RFC 4254 section 5.1). */
    private void confirmed(WireReader reader) throws SshProtocolException {
        if (outgoingOpen == null || channel != null || state != ChannelState.OPEN && state != ChannelState.ENDING) {
            throw SshProtocolException.malformed("unexpected confirmation of channel " + id);
        }
        remoteId = reader.readInt();
        remoteWindow = reader.readUint32();
        remoteMaxPacket = reader.readInt();
        if (state == ChannelState.ENDING) {
            // The TCP peer left while the client was confirming.
            server.sendPacket(WireWriter.message(MessageNumbers.CHANNEL_CLOSE).writeUint32(remoteId).toByteArray());
            state = ChannelState.CLOSE_SENT;
            return;
        }
        relay();
    }

    private ChannelTransport open() throws SshProtocolException {
        if (channel == null) {
            throw SshProtocolException.malformed("channel " + id + " is not open yet");
        }
        return channel;
    }

    @Override
    public void terminate() {
        state = ChannelState.CLOSED;
        if (channel != null) {
            channel.lost();
        }
        if (tcp.isConnected()) {
            tcp.transport().loseConnection();
        }
    }

    @Override
    public void outputResumed() {
        if (channel != null) {
            channel.outputResumed();
        }
    }
}
