package dev.torsion.irc.client;

import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ReconnectingClientFactory;
import dev.torsion.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps an IRC client connected through the core's {@link ReconnectingClientFactory}: each
 * connection gets a fresh client from {@code clients}; once it is registered (001) the backoff
 * starts again from its initial delay, and {@code onRegistered} hears of it (to rejoin channels,
 * say). Call {@link #stopTrying()} before a QUIT that should stay final.
 */
public final class IrcReconnectingFactory extends ReconnectingClientFactory {
    private final Supplier<? extends IrcClient> clients;
    private final Consumer<? super IrcClient> onRegistered;
    private IrcClient current;

    /** Connections with clients from {@code clients}, retried on {@code clock}. */
    public IrcReconnectingFactory(Clock clock, Supplier<? extends IrcClient> clients, Consumer<? super IrcClient> onRegistered) {
        super(clock);
        this.clients = Objects.requireNonNull(clients, "clients");
        this.onRegistered = Objects.requireNonNull(onRegistered, "onRegistered");
    }

    @Override
    public Protocol buildProtocol(Address address) {
        IrcClient client = clients.get();
        current = client;
        client.registered().addCallbacks(nick -> {
            resetDelay();
            onRegistered.accept(client);
            return null;
        }, failure -> null);
        return client;
    }

    /** The client of the latest connection, or null before the first. */
    public IrcClient current() {
        return current;
    }
}
