package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;

/**
 * Where a client connects, decided apart from the code that talks: Twisted's
 * {@code IStreamClientEndpoint}. Made from strings with {@link Endpoints#clientFromString}.
 */
public interface ClientEndpoint {
    /**
     * Connects; the Deferred fires with the connected protocol once {@code connectionMade} has run,
     * or fails with a {@link dev.torsion.internet.error.ConnectError}. Cancelling it stops the attempt.
     */
    Deferred<Protocol> connect(ProtocolFactory factory);
}
