package dev.torsion.netty;

import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * What a TLS connection negotiated, for protocols that need it (ALPN for HTTP/2, client
 * certificates for authentication). TCP transports implement it; the values are null or empty
 * until the handshake has completed and when TLS is not on.
 */
public interface TlsConnectionInfo {
    /** Whether TLS is on for this connection (listenSSL, connectSSL or after startTLS). */
    boolean isSecure();

    /** The negotiated TLS session, or null before the handshake completed. */
    SSLSession tlsSession();

    /** The ALPN protocol the peers agreed on, or null. */
    String applicationProtocol();

    /** The peer's certificate chain, leaf first; empty when the peer sent none. */
    List<Certificate> peerCertificates();
}
