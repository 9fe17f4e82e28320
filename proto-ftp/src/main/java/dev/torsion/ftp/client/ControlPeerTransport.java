package dev.torsion.ftp.client;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.WrappingProtocol;
import java.util.List;

/**
 * Stands between a data connection and the TLS layer on it, passing everything through, and names
 * the control connection's peer as the peer. The JDK's client session cache is keyed by the host
 * and port an engine is made for ({@code SSLContext.createSSLEngine(host, port)}), and the TLS layer
 * makes its engine for the peer its transport names: with the control connection's address the
 * data connection offers the control connection's session, which RFC 4217 section 10.2 asks for
 * and servers that insist on it check (vsftpd's {@code require_ssl_reuse}, on by default there).
 * The TLS layer's log lines name that address too.
 */
final class ControlPeerTransport extends WrappingProtocol implements HalfCloseableProtocol, HalfCloseableTransport {
    private final Address controlPeer;

    /** Carries {@code tls} (the data connection's TLS layer) on a data connection of the control connection to {@code controlPeer}. */
    ControlPeerTransport(Address controlPeer, Protocol tls) {
        super(tls);
        this.controlPeer = controlPeer;
    }

    @Override
    public Address getPeer() {
        return controlPeer;
    }

    // ---------------------------------------------------------------- from the transport

    @Override
    public void connectionMade() {
        wrappedProtocol().makeConnection(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        wrappedProtocol().dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        wrappedProtocol().notifyConnectionLost(reason);
    }

    @Override
    public void readConnectionLost() {
        if (wrappedProtocol() instanceof HalfCloseableProtocol half) {
            half.readConnectionLost();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (wrappedProtocol() instanceof HalfCloseableProtocol half) {
            half.writeConnectionLost();
        }
    }

    // ---------------------------------------------------------------- from the TLS layer

    @Override
    public void write(byte[] data) {
        transport().write(data);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        transport().writeSequence(data);
    }

    @Override
    public void loseConnection() {
        transport().loseConnection();
    }

    /** TLS's close_notify went out: the writing side closes where the transport can, else the connection. */
    @Override
    public void loseWriteConnection() {
        if (transport() instanceof HalfCloseableTransport half) {
            half.loseWriteConnection();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void abortConnection() {
        transport().abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport().isDisconnecting();
    }
}
