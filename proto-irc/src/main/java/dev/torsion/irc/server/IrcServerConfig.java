package dev.torsion.irc.server;

import dev.torsion.cred.Portal;
import dev.torsion.irc.IrcLimits;
import dev.torsion.irc.codec.CaseMapping;
import java.util.List;
import java.util.Objects;

/**
 * How an IRC server presents itself and whom it lets in.
 *
 * @param serverName the server's name, the source of its replies
 * @param network the network name (ISUPPORT NETWORK, 001)
 * @param motd the lines of the message of the day; empty gives {@code 422 ERR_NOMOTD}
 * @param password the connection password every client must give with PASS, or null for none
 *     (RFC 2812 §3.1.1); compared in constant time
 * @param portal the portal behind SASL PLAIN (its realm answers {@link IrcAccount}), or null to
 *     offer no SASL
 * @param caseMapping how nicknames and channel names compare (ISUPPORT CASEMAPPING)
 * @param limits the limits every session enforces
 * @param filter what every PRIVMSG and NOTICE passes through before delivery
 */
public record IrcServerConfig(String serverName, String network, List<String> motd, byte[] password, Portal portal,
        CaseMapping caseMapping, IrcLimits limits, MessageFilter filter) {
    /** The version in 002 and 004. */
    public static final String VERSION = "torsion-0.1";

    /** Checks the names. */
    public IrcServerConfig {
        Objects.requireNonNull(serverName, "serverName");
        if (serverName.isEmpty() || serverName.indexOf(' ') >= 0 || serverName.indexOf('.') < 0) {
            throw new IllegalArgumentException("a server name is a host name with a dot (RFC 2812 §2.3.1): " + serverName);
        }
        Objects.requireNonNull(network, "network");
        motd = List.copyOf(motd);
        password = password == null ? null : password.clone();
        Objects.requireNonNull(caseMapping, "caseMapping");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(filter, "filter");
    }

    /** A server named {@code serverName} on network "Torsion", no password, no SASL, default limits. */
    public static IrcServerConfig of(String serverName) {
        return new IrcServerConfig(serverName, "Torsion", List.of(), null, null, CaseMapping.RFC1459, IrcLimits.DEFAULTS,
                MessageFilter.ALLOW_ALL);
    }

    /** With a connection password. */
    public IrcServerConfig withPassword(byte[] newPassword) {
        return new IrcServerConfig(serverName, network, motd, newPassword, portal, caseMapping, limits, filter);
    }

    /** With SASL PLAIN through {@code newPortal}. */
    public IrcServerConfig withPortal(Portal newPortal) {
        return new IrcServerConfig(serverName, network, motd, password, newPortal, caseMapping, limits, filter);
    }

    /** With a message of the day. */
    public IrcServerConfig withMotd(List<String> lines) {
        return new IrcServerConfig(serverName, network, lines, password, portal, caseMapping, limits, filter);
    }

    /** With other limits. */
    public IrcServerConfig withLimits(IrcLimits newLimits) {
        return new IrcServerConfig(serverName, network, motd, password, portal, caseMapping, newLimits, filter);
    }

    /** With every PRIVMSG and NOTICE passing through {@code newFilter}. */
    public IrcServerConfig withFilter(MessageFilter newFilter) {
        return new IrcServerConfig(serverName, network, motd, password, portal, caseMapping, limits, newFilter);
    }

    /** With another network name. */
    public IrcServerConfig withNetwork(String newNetwork) {
        return new IrcServerConfig(serverName, newNetwork, motd, password, portal, caseMapping, limits, filter);
    }

    @Override
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public String toString() {
        return "IrcServerConfig[" + serverName + ", network=" + network + ", password=" + (password == null ? "none" : "set")
                + ", sasl=" + (portal != null) + ", " + caseMapping.token() + "]";
    }
}
