package dev.torsion.internet;

import dev.torsion.defer.Deferred;

/** A listening socket: Twisted's {@code IListeningPort}. */
public interface ListeningPort {
    /** Stops listening; the Deferred fires once the socket is closed. Connections already made stay. */
    Deferred<Void> stopListening();

    /** The address actually bound: with port 0 asked, this has the port the system chose. */
    Address getHost();
}
