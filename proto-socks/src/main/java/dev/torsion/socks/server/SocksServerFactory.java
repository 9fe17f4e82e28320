package dev.torsion.socks.server;

import dev.torsion.cred.Portal;
import dev.torsion.internet.Address;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.socks.SocksLimits;
import dev.torsion.time.Clock;
import java.util.Objects;

/**
 * Builds one {@link SocksServerProtocol} per accepted connection. Without a {@link Portal} the
 * server asks for no authentication; with one it requires RFC 1929 username/password and refuses
 * SOCKS4 (which cannot carry a password). The factory counts the UDP associations of each client
 * address across its connections ({@code maxUdpAssociationsPerClient}).
 */
public final class SocksServerFactory implements ProtocolFactory {
    private final Clock clock;
    private final DestinationConnector connector;
    private final SocksAccessRules rules;
    private final Portal portal;
    private final SocksLimits limits;
    private final UdpAssociationQuota quota;

    /**
     * A factory.
     *
     * @param clock the clock of the handshake, BIND and UDP idle timeouts
     * @param connector how destinations are resolved and reached
     * @param rules who may use the proxy and where to
     * @param portal where username/password logins go; null for no authentication
     * @param limits the limits
     */
    public SocksServerFactory(Clock clock, DestinationConnector connector, SocksAccessRules rules, Portal portal,
            SocksLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.portal = portal;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.quota = new UdpAssociationQuota(limits.maxUdpAssociationsPerClient());
    }

    /** A server on {@code reactor} with {@code rules}, logging in through {@code portal} (null: no authentication). */
    public static SocksServerFactory forReactor(Reactor reactor, SocksAccessRules rules, Portal portal) {
        return forReactor(reactor, rules, portal, SocksLimits.DEFAULT);
    }

    /** As {@link #forReactor(Reactor, SocksAccessRules, Portal)}, with other {@code limits}. */
    public static SocksServerFactory forReactor(Reactor reactor, SocksAccessRules rules, Portal portal,
            SocksLimits limits) {
        return new SocksServerFactory(reactor, new ReactorDestinationConnector(reactor), rules, portal, limits);
    }

    @Override
    public SocksServerProtocol buildProtocol(Address address) {
        return new SocksServerProtocol(clock, connector, rules, portal, limits, quota);
    }
}
