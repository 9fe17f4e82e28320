package dev.torsion.irc.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Makes one {@link IrcServer} session per connection, all sharing one set of nicknames and
 * channels. One factory serves one reactor (its state is touched on that thread only).
 */
public final class IrcServerFactory implements ProtocolFactory {
    private final IrcServerConfig config;
    private final Clock clock;
    private final InstantSource wallClock;
    private final IrcNetwork network;

    /** Sessions configured by {@code config}, timing out on {@code clock} (usually the reactor). */
    public IrcServerFactory(IrcServerConfig config, Clock clock) {
        this(config, clock, InstantSource.system());
    }

    /** As above, with the wall clock of server-time tags, topics and WHOIS signon times. */
    public IrcServerFactory(IrcServerConfig config, Clock clock, InstantSource wallClock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.network = new IrcNetwork(config.caseMapping(), config.limits().whowasEntries(), wallClock.instant());
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new IrcServer(config, network, clock, wallClock);
    }

    /** Registered users now connected. */
    public int userCount() {
        return network.registeredCount();
    }
}
