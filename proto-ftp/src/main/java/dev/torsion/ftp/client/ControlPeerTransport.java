package dev.torsion.ftp.client;

import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.PassThroughProtocol;

/**
 * Stands between a data connection and the TLS layer on it, passing everything through, and names
 * the control connection's peer as the peer. The JDK's client session cache is keyed by the host
 * and port an engine is made for ({@code SSLContext.createSSLEngine(host, port)}), and the TLS layer
 * makes its engine for the peer its transport names: with the control connection's address the
 * data connection offers the control connection's session, which RFC 4217 section 10.2 asks for
 * and servers that insist on it check (vsftpd's {@code require_ssl_reuse}, on by default there).
 * The TLS layer's log lines name that address too.
 */
final class ControlPeerTransport extends PassThroughProtocol implements HalfCloseableTransport {
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

    /** TLS's close_notify went out: the writing side closes where the transport can, else the connection. */
    @Override
    public void loseWriteConnection() {
        if (transport() instanceof HalfCloseableTransport half) {
            half.loseWriteConnection();
        } else {
            transport().loseConnection();
        }
    }
}
