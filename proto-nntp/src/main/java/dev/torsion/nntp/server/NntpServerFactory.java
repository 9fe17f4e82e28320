package dev.torsion.nntp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.Objects;

/** Makes one {@link NntpServer} session per connection. */
public final class NntpServerFactory implements ProtocolFactory {
    private final NntpServerConfig config;
    private final Clock clock;

    /** Sessions configured by {@code config}, timing out on {@code clock} (usually the reactor). */
    public NntpServerFactory(NntpServerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new NntpServer(config, clock);
    }
}
