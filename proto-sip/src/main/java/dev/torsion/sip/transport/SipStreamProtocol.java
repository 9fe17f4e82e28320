package dev.torsion.sip.transport;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.IdleTimeout;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipParseException;
import dev.torsion.sip.parse.SipStreamParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SIP over a stream (TCP, or TLS below it): messages framed by Content-Length (RFC 3261 section
 * 18.3), handed to the {@link SipTransport}; a parse fault earns its reply and the connection
 * closes, since the framing is lost.
 */
public final class SipStreamProtocol extends Protocol {
    private final SipTransport layer;
    private final TransportKind kind;
    private final SipStreamParser parser;
    private final List<byte[]> queued = new ArrayList<>();
    private ConnectionState state;
    private IdleTimeout idle;
    private String peerHost = "";
    private int peerPort;

    SipStreamProtocol(SipTransport layer, TransportKind kind, boolean outgoing) {
        this.layer = layer;
        this.kind = kind;
        this.parser = new SipStreamParser(layer.limits());
        this.state = outgoing ? ConnectionState.CONNECTING : ConnectionState.OPEN;
    }

    /** The connection's state. */
    public ConnectionState state() {
        return state;
    }

    /** The transport, TCP or TLS. */
    public TransportKind kind() {
        return kind;
    }

    @Override
    public void connectionMade() {
        Address peer = transport().getPeer();
        if (peer instanceof IPAddress ip) {
            peerHost = ip.host();
            peerPort = ip.port();
        }
        state = state.connected();
        if (layer.clock() != null) {
            idle = IdleTimeout.abortingConnection(layer.clock(), this);
            idle.setTimeout(Duration.ofSeconds(layer.limits().streamIdleSeconds()));
        }
        for (byte[] bytes : queued) {
            transport().write(bytes);
        }
        queued.clear();
        layer.connectionOpened(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        if (state != ConnectionState.OPEN) {
            return;
        }
        if (idle != null) {
            idle.resetTimeout();
        }
        parser.feed(data);
        try {
            for (SipMessage message = parser.next(); message != null; message = parser.next()) {
                layer.received(message, kind, peerHost, peerPort, this);
                if (state != ConnectionState.OPEN) {
                    return;
                }
            }
        } catch (SipParseException e) {
            layer.parseFailed(e, kind, peerHost, peerPort, this);
            close();
        }
    }

    /** Writes bytes, or queues them until the connection is made. */
    void send(byte[] bytes) {
        if (state == ConnectionState.CONNECTING) {
            queued.add(bytes);
        } else if (state == ConnectionState.OPEN) {
            transport().write(bytes);
        }
    }

    /** Closes after what was written is sent (the core's close deadline bounds it). */
    public void close() {
        if (state == ConnectionState.OPEN) {
            state = state.closing();
            transport().loseConnection();
        } else {
            state = state.closing();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        state = state.lost();
        queued.clear();
        if (idle != null) {
            idle.cancel();
        }
        layer.connectionClosed(this);
    }

    /** The peer's address. */
    public String peerHost() {
        return peerHost;
    }

    /** The peer's port. */
    public int peerPort() {
        return peerPort;
    }

    /** {@code KIND:host:port} of the peer: the transport layer's connection key. */
    String key() {
        return kind + ":" + peerHost + ":" + peerPort;
    }
}
