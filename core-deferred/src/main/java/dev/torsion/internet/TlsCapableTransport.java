package dev.torsion.internet;

import dev.torsion.tls.TlsOptions;
import javax.net.ssl.SSLSession;

/**
 * A transport that can switch to TLS in the middle of a connection, for STARTTLS in SMTP, IMAP,
 * POP3 and XMPP: Twisted's {@code ITLSTransport}.
 */
public interface TlsCapableTransport extends Transport {
    /**
     * Starts TLS: bytes written before this call go out in the clear, bytes written after it are
     * encrypted. Client or server role comes from {@code options}.
     */
    void startTLS(TlsOptions options);

    /**
     * The TLS session once TLS is on and its handshake done (FTP compares a data connection's
     * session with the control connection's, RFC 4217 section 10.2); null before, or where the
     * transport cannot tell.
     */
    default SSLSession tlsSession() {
        return null;
    }
}
