package dev.torsion.internet;

/**
 * Makes a protocol for each new connection: Twisted's {@code Factory}. A lambda will do:
 * {@code reactor.listenTCP(8000, address -> new Echo())}.
 */
@FunctionalInterface
public interface ProtocolFactory {
    /**
     * Makes the protocol for a connection whose peer is {@code address}, or returns {@code null}
     * to refuse the connection (the transport then closes it at once).
     */
    Protocol buildProtocol(Address address);

    /** Called when the factory starts serving its first listening port or connection attempt. */
    default void startFactory() {
    }

    /** Called when the factory has stopped serving its last listening port or connection attempt. */
    default void stopFactory() {
    }
}
