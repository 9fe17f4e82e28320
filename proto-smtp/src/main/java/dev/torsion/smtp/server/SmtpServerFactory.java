package dev.torsion.smtp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.time.Clock;
import java.util.Objects;

/**
 * Makes one {@link SmtpServer} session per connection, all delivering to one {@link MessageDelivery}.
 *
 * <pre>{@code
 * reactor.listenTCP(2525, new SmtpServerFactory(SmtpServerConfig.of("mx.example.org"), delivery, reactor));
 * }</pre>
 */
public final class SmtpServerFactory implements ProtocolFactory {
    private final SmtpServerConfig config;
    private final MessageDelivery delivery;
    private final Clock clock;

    /** Sessions configured by {@code config}, timing out on {@code clock} (usually the reactor). */
    public SmtpServerFactory(SmtpServerConfig config, MessageDelivery delivery, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Protocol buildProtocol(Address address) {
        return new SmtpServer(config, delivery, clock);
    }
}
