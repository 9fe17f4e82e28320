package dev.torsion.imap.server;

import dev.torsion.cred.Portal;
import dev.torsion.imap.ImapLimits;
import dev.torsion.tls.TlsOptions;
import java.util.Objects;

/**
 * How an IMAP server behaves.
 *
 * @param hostname the name in the greeting
 * @param limits every limit and its reply
 * @param portal where logins go; its realm must give an {@link ImapAccount}
 * @param tls the options for STARTTLS, or null to not offer it
 * @param implicitTls whether the listener is TLS from the first byte (imaps, RFC 8314)
 * @param plaintextLogin whether LOGIN and AUTHENTICATE PLAIN are allowed without TLS (RFC 3501
 *     §6.2.3 and RFC 9051 §11.1 advise not: without it, LOGINDISABLED is announced)
 */
public record ImapServerConfig(String hostname, ImapLimits limits, Portal portal, TlsOptions tls, boolean implicitTls,
        boolean plaintextLogin) {

    /** Checks the required parts. */
    public ImapServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(portal, "portal");
    }

    /** Default limits, no TLS, no plaintext login. */
    public static ImapServerConfig of(String hostname, Portal portal) {
        return new ImapServerConfig(hostname, ImapLimits.DEFAULTS, portal, null, false, false);
    }

    /** Offering STARTTLS with {@code options}. */
    public ImapServerConfig withStartTls(TlsOptions options) {
        return new ImapServerConfig(hostname, limits, portal, options, implicitTls, plaintextLogin);
    }

    /** For a listener that is TLS from the first byte. */
    public ImapServerConfig withImplicitTls() {
        return new ImapServerConfig(hostname, limits, portal, tls, true, plaintextLogin);
    }

    /** Allowing LOGIN and AUTHENTICATE PLAIN before TLS. */
    public ImapServerConfig allowingPlaintextLogin() {
        return new ImapServerConfig(hostname, limits, portal, tls, implicitTls, true);
    }

    /** With other limits. */
    public ImapServerConfig withLimits(ImapLimits newLimits) {
        return new ImapServerConfig(hostname, newLimits, portal, tls, implicitTls, plaintextLogin);
    }
}
