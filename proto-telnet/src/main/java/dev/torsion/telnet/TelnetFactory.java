package dev.torsion.telnet;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.function.Function;

/** Builds, per connection, a {@link TelnetTransport} carrying the application protocol made for it. */
public final class TelnetFactory implements ProtocolFactory {
    private final Clock clock;
    private final TelnetLimits limits;
    private final Function<Address, Protocol> application;

    /** A factory of Telnet connections with {@code limits}, storms timed on {@code clock}. */
    public TelnetFactory(Clock clock, TelnetLimits limits, Function<Address, Protocol> application) {
        this.clock = clock;
        this.limits = limits;
        this.application = application;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new TelnetTransport(application.apply(address), limits, clock);
    }
}
