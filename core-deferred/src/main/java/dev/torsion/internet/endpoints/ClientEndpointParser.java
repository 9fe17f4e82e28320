package dev.torsion.internet.endpoints;

import dev.torsion.internet.Reactor;
import java.util.List;
import java.util.Map;

/**
 * Makes client endpoints of one kind from their string description, as Twisted's
 * {@code IStreamClientEndpointStringParserWithReactor}. Modules register more kinds in
 * {@code META-INF/services/dev.torsion.internet.endpoints.ClientEndpointParser}.
 */
public interface ClientEndpointParser {
    /** The kind's name before the first colon: {@code tcp}, {@code tls}, {@code unix}, ... */
    String prefix();

    /** Makes the endpoint; throws {@link IllegalArgumentException} with a clear message for a bad description. */
    ClientEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs);
}
