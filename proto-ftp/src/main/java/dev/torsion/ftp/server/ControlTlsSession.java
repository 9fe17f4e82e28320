package dev.torsion.ftp.server;

import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.tls.TlsOptions;
import javax.net.ssl.SSLSession;

/**
 * The TLS session of one control connection, against which data connections under PROT P are
 * checked when the server requires session reuse (vsftpd's {@code require_ssl_reuse}; RFC 4217
 * section 10.2 names the reuse as the proof that the data connection comes from the client that
 * holds the control connection).
 *
 * <p>Identity: a resumed session keeps the creation time of the session it resumes, both from the
 * JDK's session cache (the very same session) and from a stateless ticket (RFC 5077: the creation
 * time travels in the ticket), whereas the session id need not survive (with a ticket the server
 * takes the id the client proposes; OpenSSL proposes a hash of the ticket). A data session
 * therefore passes when its creation time is the control session's and precedes the data
 * connection itself, so that a full handshake (a session born on the data connection) never
 * passes. Both connections speak TLS 1.2: a session resumes only under the version it was made with,
 * and data connections stay at 1.2 (see {@code FtpServer#dataTls}).
 */
final class ControlTlsSession {
    private final TlsCapableTransport control;
    private final TlsOptions controlOptions;

    /** For {@code control}, a control connection about to start TLS with {@code serverOptions}. */
    ControlTlsSession(TlsCapableTransport control, TlsOptions serverOptions) {
        this.control = control;
        this.controlOptions = serverOptions.withProtocols("TLSv1.2");
    }

    /** The options the control connection starts TLS with: the server's, at TLS 1.2. */
    TlsOptions controlOptions() {
        return controlOptions;
    }

    /**
     * Whether {@code data}, negotiated on a data connection made at {@code connectedAtMillis}
     * (wall clock, as the JDK stamps sessions), resumed this control connection's session.
     */
    boolean resumedBy(SSLSession data, long connectedAtMillis) {
        SSLSession session = control.tlsSession();
        if (session == null || data == null) {
            return false;
        }
        long born = data.getCreationTime();
        return born < connectedAtMillis && born == session.getCreationTime();
    }
}
