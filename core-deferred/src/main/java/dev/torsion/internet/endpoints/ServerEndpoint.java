package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;

/**
 * Where a server listens, decided apart from the code that serves: Twisted's
 * {@code IStreamServerEndpoint}. Made from strings with {@link Endpoints#serverFromString}.
 */
public interface ServerEndpoint {
    /** Starts listening; the Deferred fires with the port, or fails with the reason it could not listen. */
    Deferred<ListeningPort> listen(ProtocolFactory factory);
}
