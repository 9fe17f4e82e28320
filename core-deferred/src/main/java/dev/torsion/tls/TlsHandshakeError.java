package dev.torsion.tls;

/**
 * The TLS handshake failed (untrusted or mismatched certificate, no common protocol version or
 * cipher suite, no certificate where one is required, a peer that hung up): no application data was
 * exchanged. The message names the peer and the JDK's reason.
 */
public class TlsHandshakeError extends TlsError {
    /** Creates the error with a message and its cause. */
    public TlsHandshakeError(String message, Throwable cause) {
        super(message, cause);
    }
}
