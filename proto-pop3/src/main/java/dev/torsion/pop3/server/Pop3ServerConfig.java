package dev.torsion.pop3.server;

import dev.torsion.cred.Portal;
import dev.torsion.pop3.Pop3Limits;
import dev.torsion.tls.TlsOptions;
import java.util.Objects;

/**
 * How a POP3 server behaves.
 *
 * @param hostname the name in the greeting and the APOP timestamp
 * @param limits every limit and its reply
 * @param portal where logins go; its realm must give a {@link Pop3Mailbox}
 * @param tls the options for STLS, or null to not offer it
 * @param implicitTls whether the listener is TLS from the first byte (pop3s, RFC 8314)
 * @param plaintextLogin whether USER/PASS and AUTH PLAIN are allowed without TLS (RFC 2595 §4 advises not)
 * @param apop whether the greeting carries an APOP timestamp (needs a checker with plain passwords)
 */
public record Pop3ServerConfig(String hostname, Pop3Limits limits, Portal portal, TlsOptions tls, boolean implicitTls,
        boolean plaintextLogin, boolean apop) {

    /** Checks the required parts. */
    public Pop3ServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(portal, "portal");
        if (!hostname.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("hostname must be a domain name: " + hostname);
        }
    }

    /** Default limits, no TLS, no plaintext login, no APOP. */
    public static Pop3ServerConfig of(String hostname, Portal portal) {
        return new Pop3ServerConfig(hostname, Pop3Limits.DEFAULTS, portal, null, false, false, false);
    }

    /** Offering STLS with {@code options}. */
    public Pop3ServerConfig withStartTls(TlsOptions options) {
        return new Pop3ServerConfig(hostname, limits, portal, options, implicitTls, plaintextLogin, apop);
    }

    /** For a listener that is TLS from the first byte. */
    public Pop3ServerConfig withImplicitTls() {
        return new Pop3ServerConfig(hostname, limits, portal, tls, true, plaintextLogin, apop);
    }

    /** Allowing USER/PASS and AUTH PLAIN before TLS. */
    public Pop3ServerConfig allowingPlaintextLogin() {
        return new Pop3ServerConfig(hostname, limits, portal, tls, implicitTls, true, apop);
    }

    /** Offering APOP. */
    public Pop3ServerConfig withApop() {
        return new Pop3ServerConfig(hostname, limits, portal, tls, implicitTls, plaintextLogin, true);
    }

    /** With other limits. */
    public Pop3ServerConfig withLimits(Pop3Limits newLimits) {
        return new Pop3ServerConfig(hostname, newLimits, portal, tls, implicitTls, plaintextLogin, apop);
    }
}
