package dev.torsion.imap.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.Objects;

/** Makes one {@link ImapServer} session per connection. */
public final class ImapServerFactory implements ProtocolFactory {
    private final ImapServerConfig config;
    private final Clock clock;

    /** Sessions configured by {@code config}, with timers on {@code clock} (usually the reactor). */
    public ImapServerFactory(ImapServerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new ImapServer(config, clock);
    }
}
