package dev.torsion.internet;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Makes reactors: the service a reactor implementation registers (in
 * {@code META-INF/services/dev.torsion.internet.ReactorProvider}), so that a program that only
 * chooses a reactor by name, as the runner's {@code --reactor} does, needs no compile-time
 * knowledge of the implementation (transport-netty provides the Netty reactors).
 */
public interface ReactorProvider {
    /**
     * A new reactor on the event loop named {@code kind} (for Netty: {@code epoll}, {@code kqueue},
     * {@code io_uring}, {@code nio}), or the best this machine has when {@code kind} is null.
     *
     * @throws IllegalArgumentException for a kind this provider does not know
     * @throws IllegalStateException for a kind this machine cannot run
     */
    Reactor create(String kind);

    /** The provider found on the class path. */
    static ReactorProvider load() {
        Iterator<ReactorProvider> providers = ServiceLoader.load(ReactorProvider.class).iterator();
        if (!providers.hasNext()) {
            throw new IllegalStateException("no reactor on the class path: add torsion-transport-netty");
        }
        return providers.next();
    }
}
