package dev.torsion.internet;

import dev.torsion.defer.Deferred;

/**
 * Turns a host name into an address for the reactor's connections, as Twisted's
 * {@code IResolverSimple}; installed with {@link Reactor#installResolver}. proto-dns's resolver is
 * one, so {@code connectTCP("mx.example.org", ...)} can ask Torsion's own DNS client instead of the
 * JDK's blocking lookup.
 *
 * <pre>{@code
 * reactor.installResolver(name -> Deferred.succeed("127.0.0.1"));   // every name is this host
 * }</pre>
 */
@FunctionalInterface
public interface HostResolver {
    /**
     * The address of {@code name} as an IPv4 or IPv6 literal; fails when there is none. Called on
     * the reactor's thread; the Deferred fires there too.
     */
    Deferred<String> getHostByName(String name);
}
