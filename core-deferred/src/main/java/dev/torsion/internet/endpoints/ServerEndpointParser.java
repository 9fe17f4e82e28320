package dev.torsion.internet.endpoints;

import dev.torsion.internet.Reactor;
import java.util.List;
import java.util.Map;

/**
 * Makes server endpoints of one kind from their string description (the part after
 * {@code "prefix:"}), as Twisted's {@code IStreamServerEndpointStringParser}. Modules register more
 * kinds in {@code META-INF/services/dev.torsion.internet.endpoints.ServerEndpointParser}.
 */
public interface ServerEndpointParser {
    /** The kind's name before the first colon: {@code tcp}, {@code ssl}, {@code unix}, ... */
    String prefix();

    /**
     * Makes the endpoint from the positional and keyword arguments (already unescaped). Throws
     * {@link IllegalArgumentException} with a clear message for a bad description.
     */
    ServerEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs);
}
