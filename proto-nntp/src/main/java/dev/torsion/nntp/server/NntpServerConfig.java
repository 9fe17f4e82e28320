package dev.torsion.nntp.server;

import dev.torsion.cred.Portal;
import dev.torsion.nntp.NntpLimits;
import dev.torsion.tls.TlsOptions;
import java.time.Clock;
import java.util.Objects;

/**
 * How an NNTP server behaves.
 *
 * @param hostname the server's name: in the greeting and as its path identity (RFC 5537 §3.2)
 * @param limits every limit and its reply
 * @param store the news
 * @param portal where AUTHINFO logins go (its realm must give a {@link NewsUser}), or null for none
 * @param tls the options for STARTTLS (RFC 4642), or null to not offer it
 * @param authRequired whether every reading, posting and feeding command needs a login first
 *     (RFC 4643 §2.2: 480 until then)
 * @param plaintextLogin whether AUTHINFO USER/PASS is allowed without TLS (RFC 4643 §2.3.1
 *     advises not: 483 until STARTTLS)
 * @param postingAllowed whether POST is allowed (to those logged in, when logins are required)
 * @param feedingAllowed whether IHAVE is allowed (to those logged in, when logins are required)
 * @param wallClock the clock of DATE (RFC 3977 §7.1) and of the dates the server adds
 */
public record NntpServerConfig(String hostname, NntpLimits limits, NewsStore store, Portal portal, TlsOptions tls,
        boolean authRequired, boolean plaintextLogin, boolean postingAllowed, boolean feedingAllowed, Clock wallClock) {

    /** Checks the required parts. */
    public NntpServerConfig {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(wallClock, "wallClock");
        if (!hostname.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("hostname must be a domain name: " + hostname);
        }
        if (authRequired && portal == null) {
            throw new IllegalArgumentException("logins required but no portal given");
        }
    }

    /** Default limits, no logins, no TLS, posting and feeding allowed, the system clock. */
    public static NntpServerConfig of(String hostname, NewsStore store) {
        return new NntpServerConfig(hostname, NntpLimits.DEFAULTS, store, null, null, false, false, true, true, Clock.systemUTC());
    }

    /** With logins through {@code newPortal}, required or not before reading. */
    public NntpServerConfig withPortal(Portal newPortal, boolean required) {
        return new NntpServerConfig(hostname, limits, store, newPortal, tls, required, plaintextLogin, postingAllowed,
                feedingAllowed, wallClock);
    }

    /** Offering STARTTLS with {@code options}. */
    public NntpServerConfig withStartTls(TlsOptions options) {
        return new NntpServerConfig(hostname, limits, store, portal, options, authRequired, plaintextLogin, postingAllowed,
                feedingAllowed, wallClock);
    }

    /** Allowing AUTHINFO USER/PASS before TLS. */
    public NntpServerConfig allowingPlaintextLogin() {
        return new NntpServerConfig(hostname, limits, store, portal, tls, authRequired, true, postingAllowed, feedingAllowed,
                wallClock);
    }

    /** With POST and IHAVE allowed or not. */
    public NntpServerConfig withPosting(boolean posting, boolean feeding) {
        return new NntpServerConfig(hostname, limits, store, portal, tls, authRequired, plaintextLogin, posting, feeding,
                wallClock);
    }

    /** With other limits. */
    public NntpServerConfig withLimits(NntpLimits newLimits) {
        return new NntpServerConfig(hostname, newLimits, store, portal, tls, authRequired, plaintextLogin, postingAllowed,
                feedingAllowed, wallClock);
    }

    /** With another wall clock. */
    public NntpServerConfig withWallClock(Clock clock) {
        return new NntpServerConfig(hostname, limits, store, portal, tls, authRequired, plaintextLogin, postingAllowed,
                feedingAllowed, clock);
    }
}
