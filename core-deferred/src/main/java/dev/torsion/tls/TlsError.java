package dev.torsion.tls;

import dev.torsion.internet.error.ConnectionLost;

/**
 * A TLS connection ended because of a TLS error (a bad record, a fatal alert, a failed handshake):
 * the reason a protocol wrapped in a {@link TlsProtocol} receives in {@code connectionLost}. The
 * cause is the JDK's {@link javax.net.ssl.SSLException} when there is one.
 */
public class TlsError extends ConnectionLost {
    /** Creates the error with a message and its cause. */
    public TlsError(String message, Throwable cause) {
        super(message, cause);
    }
}
