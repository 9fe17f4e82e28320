package dev.torsion.xmpp.server;

import dev.torsion.cred.Portal;
import dev.torsion.tls.TlsOptions;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.server.offline.MemoryOfflineStore;
import dev.torsion.xmpp.server.offline.OfflineStore;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.server.roster.RosterStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * How a client-to-server XMPP server behaves.
 *
 * @param domain the domain served (the JIDs' domain part, the streams' 'from')
 * @param tls the server's TLS options for STARTTLS, or null for none
 * @param requireTls whether STARTTLS must come before SASL (RFC 6120 §5.3.1; the default)
 * @param portal where SASL logins go; its realm must give {@link XmppAccount} avatars (see {@link XmppRealm})
 * @param limits the limits of each stream
 * @param rosters where rosters are kept
 * @param random the source of stream ids, nonces and salts (a SecureRandom)
 * @param wallClock the clock of offline messages' delay stamps (XEP-0203)
 * @param registration where in-band registration (XEP-0077) creates accounts, or null when it is off;
 *     the portal must log them in (register the same object as its checker)
 * @param offline where offline messages wait (XEP-0160); null keeps them in memory
 */
public record XmppServerConfig(String domain, TlsOptions tls, boolean requireTls, Portal portal, XmppLimits limits,
        RosterStore rosters, Random random, Clock wallClock, RegisteredAccounts registration, OfflineStore offline) {

    /** Checks the configuration: TLS cannot be required without TLS options. */
    public XmppServerConfig {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(portal, "portal");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(rosters, "rosters");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(wallClock, "wallClock");
        if (requireTls && tls == null) {
            throw new IllegalArgumentException("TLS is required but no TLS options are given");
        }
        if (offline == null) {
            offline = new MemoryOfflineStore(limits.maxOfflineMessages());
        }
    }

    /** A configuration with in-band registration as given and offline messages in memory. */
    public XmppServerConfig(String domain, TlsOptions tls, boolean requireTls, Portal portal, XmppLimits limits,
            RosterStore rosters, Random random, Clock wallClock, RegisteredAccounts registration) {
        this(domain, tls, requireTls, portal, limits, rosters, random, wallClock, registration, null);
    }

    /** A configuration without in-band registration. */
    public XmppServerConfig(String domain, TlsOptions tls, boolean requireTls, Portal portal, XmppLimits limits,
            RosterStore rosters, Random random, Clock wallClock) {
        this(domain, tls, requireTls, portal, limits, rosters, random, wallClock, null, null);
    }

    /** This configuration with offline messages in {@code store}. */
    public XmppServerConfig withOffline(OfflineStore store) {
        return new XmppServerConfig(domain, tls, requireTls, portal, limits, rosters, random, wallClock, registration, store);
    }

    /** This configuration with in-band registration into {@code accounts} (null turns it off). */
    public XmppServerConfig withRegistration(RegisteredAccounts accounts) {
        return new XmppServerConfig(domain, tls, requireTls, portal, limits, rosters, random, wallClock, accounts, offline);
    }

    /** A server for {@code domain} requiring STARTTLS with {@code tls}, with default limits and rosters in memory. */
    public static XmppServerConfig of(String domain, TlsOptions tls, Portal portal) {
        return new XmppServerConfig(domain, tls, tls != null, portal, XmppLimits.DEFAULTS, new MemoryRosterStore(),
                new SecureRandom(), Clock.systemUTC(), null);
    }

    /** This configuration with {@code store} for rosters. */
    public XmppServerConfig withRosters(RosterStore store) {
        return new XmppServerConfig(domain, tls, requireTls, portal, limits, store, random, wallClock, registration, offline);
    }

    /** This configuration with other limits. */
    public XmppServerConfig withLimits(XmppLimits newLimits) {
        return new XmppServerConfig(domain, tls, requireTls, portal, newLimits, rosters, random, wallClock, registration, offline);
    }

    /** This configuration with TLS required or optional. */
    public XmppServerConfig withRequireTls(boolean required) {
        return new XmppServerConfig(domain, tls, required, portal, limits, rosters, random, wallClock, registration, offline);
    }

    /** This configuration with another random source and wall clock (for deterministic tests). */
    public XmppServerConfig withRandom(Random newRandom, Clock newWallClock) {
        return new XmppServerConfig(domain, tls, requireTls, portal, limits, rosters, newRandom, newWallClock, registration, offline);
    }
}
