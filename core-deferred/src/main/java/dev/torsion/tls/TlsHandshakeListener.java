package dev.torsion.tls;

/**
 * Implemented by a protocol that wants to hear when the TLS handshake under it has completed (to
 * read the negotiated ALPN protocol or the peer's certificates, say): Twisted's
 * {@code IHandshakeListener}.
 */
public interface TlsHandshakeListener {
    /** The handshake completed; {@code tls} answers what was negotiated. */
    void handshakeCompleted(TlsProtocol tls);
}
