package dev.torsion.pop3.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.Objects;

/** Makes one {@link Pop3Server} session per connection. */
public final class Pop3ServerFactory implements ProtocolFactory {
    private final Pop3ServerConfig config;
    private final Clock clock;

    /** Sessions configured by {@code config}, timing out on {@code clock} (usually the reactor). */
    public Pop3ServerFactory(Pop3ServerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new Pop3Server(config, clock);
    }
}
