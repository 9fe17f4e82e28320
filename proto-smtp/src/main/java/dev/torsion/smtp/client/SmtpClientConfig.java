package dev.torsion.smtp.client;

import dev.torsion.tls.TlsOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How the client talks to a server.
 *
 * @param heloName the name said in EHLO/HELO
 * @param tlsMode whether to use STARTTLS
 * @param tls the client TLS options (hostname verification included), or null with {@link TlsMode#NONE}
 * @param username the AUTH user, or null to not authenticate
 * @param password the AUTH password (UTF-8), or null
 * @param replyTimeout how long to wait for any reply (RFC 5321 §4.5.3.2 asks at least 5 minutes for most)
 */
public record SmtpClientConfig(String heloName, TlsMode tlsMode, TlsOptions tls, String username, String password, Duration replyTimeout) {
    /** Checks that the TLS mode has options. */
    public SmtpClientConfig {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
        if (tlsMode != TlsMode.NONE && tls == null) {
            throw new IllegalArgumentException("STARTTLS needs client TLS options");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together");
        }
    }

    /** No TLS, no AUTH, 5-minute reply timeout. */
    public static SmtpClientConfig of(String heloName) {
        return new SmtpClientConfig(heloName, TlsMode.NONE, null, null, null, Duration.ofMinutes(5));
    }

    /** With STARTTLS in {@code mode}. */
    public SmtpClientConfig withTls(TlsMode mode, TlsOptions options) {
        return new SmtpClientConfig(heloName, mode, options, username, password, replyTimeout);
    }

    /** Authenticating as {@code user} (PLAIN, or LOGIN when PLAIN is not offered). */
    public SmtpClientConfig withAuth(String user, String secret) {
        return new SmtpClientConfig(heloName, tlsMode, tls, user, secret, replyTimeout);
    }

    /** With another reply timeout. */
    public SmtpClientConfig withReplyTimeout(Duration timeout) {
        return new SmtpClientConfig(heloName, tlsMode, tls, username, password, timeout);
    }
}
