package dev.torsion.ftp.server;

import dev.torsion.cred.Portal;
import dev.torsion.ftp.FtpLimits;
import dev.torsion.internet.Reactor;
import dev.torsion.tls.TlsOptions;
import java.util.Objects;

/**
 * How an FTP server behaves. Start from {@link #of} and change with the {@code with} methods.
 *
 * @param portal checks USER/PASS (with the peer's address) and gives each user an {@link FtpFileSystem}
 * @param reactor listens for passive data connections, connects active ones, runs file I/O
 * @param limits the limits every session enforces
 * @param tls the server's TLS options for AUTH TLS and protected data connections (RFC 4217), or null
 * @param tlsRequired whether USER is refused until AUTH TLS (vsftpd's {@code force_local_logins_ssl})
 * @param tlsSessionReuseRequired whether a data connection under PROT P must resume the control
 *     connection's TLS session (vsftpd's {@code require_ssl_reuse}): a transfer whose data
 *     connection did not is refused with 522. Off by default, unlike vsftpd: Python's ftplib does
 *     not resume sessions on data connections. Control and data connections then both speak TLS
 *     1.2, since a session is resumed only under the version it was made with
 * @param anonymous whether USER anonymous (or ftp) logs in with any password as the anonymous user
 * @param passivePorts the ports passive listeners use, or null for any free port
 * @param passiveAddress the IPv4 address PASV announces (behind NAT), or null for the control
 *     connection's own local address
 * @param greeting the text of the 220 greeting
 */
public record FtpServerConfig(Portal portal, Reactor reactor, FtpLimits limits, TlsOptions tls, boolean tlsRequired,
        boolean tlsSessionReuseRequired, boolean anonymous, PortRange passivePorts, String passiveAddress, String greeting) {

    /** Checks the required parts. */
    public FtpServerConfig {
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(reactor, "reactor");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(greeting, "greeting");
        if (tlsRequired && tls == null) {
            throw new IllegalArgumentException("TLS required but no TLS options given");
        }
        if (tls != null && tls.isClient()) {
            throw new IllegalArgumentException("the server needs server TLS options");
        }
    }

    /** A plain-text server with the default limits, no anonymous access, any passive port. */
    public static FtpServerConfig of(Portal portal, Reactor reactor) {
        return new FtpServerConfig(portal, reactor, FtpLimits.DEFAULTS, null, false, false, false, null, null, "Torsion FTP server ready.");
    }

    /** With other limits. */
    public FtpServerConfig withLimits(FtpLimits newLimits) {
        return new FtpServerConfig(portal, reactor, newLimits, tls, tlsRequired, tlsSessionReuseRequired, anonymous, passivePorts, passiveAddress, greeting);
    }

    /** With AUTH TLS offered ({@code required}: logins only after it). */
    public FtpServerConfig withTls(TlsOptions options, boolean required) {
        return new FtpServerConfig(portal, reactor, limits, options, required, tlsSessionReuseRequired, anonymous, passivePorts, passiveAddress, greeting);
    }

    /**
     * With data connections under PROT P required ({@code true}) or not (the default) to resume the
     * control connection's TLS session (RFC 4217 section 10.2's defence against a stolen data connection).
     */
    public FtpServerConfig withTlsSessionReuseRequired(boolean required) {
        return new FtpServerConfig(portal, reactor, limits, tls, tlsRequired, required, anonymous, passivePorts, passiveAddress, greeting);
    }

    /** With anonymous logins allowed or not (the portal needs a checker for anonymous credentials too). */
    public FtpServerConfig withAnonymous(boolean allowed) {
        return new FtpServerConfig(portal, reactor, limits, tls, tlsRequired, tlsSessionReuseRequired, allowed, passivePorts, passiveAddress, greeting);
    }

    /** With passive listeners on {@code ports} only. */
    public FtpServerConfig withPassivePorts(PortRange ports) {
        return new FtpServerConfig(portal, reactor, limits, tls, tlsRequired, tlsSessionReuseRequired, anonymous, ports, passiveAddress, greeting);
    }

    /** With PASV announcing {@code address}. */
    public FtpServerConfig withPassiveAddress(String address) {
        return new FtpServerConfig(portal, reactor, limits, tls, tlsRequired, tlsSessionReuseRequired, anonymous, passivePorts, address, greeting);
    }
}
