package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Reactor;
import java.util.List;
import java.util.Map;

/**
 * Endpoint kinds registered for the tests with ServiceLoader (see
 * src/test/resources/META-INF/services): {@code plugtest:...} for servers and clients, which listen
 * and connect over TCP on the given port, to show that the SPI is found and given the parsed arguments.
 */
public final class MemoryEndpointParsers {
    private MemoryEndpointParsers() {
    }

    /** Server side: {@code plugtest:PORT[:note=...]}. */
    public static final class Server implements ServerEndpointParser {
        static volatile List<String> lastArgs;
        static volatile Map<String, String> lastKwargs;

        @Override
        public String prefix() {
            return "plugtest";
        }

        @Override
        public ServerEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
            lastArgs = args;
            lastKwargs = kwargs;
            int port = Integer.parseInt(args.get(0));
            return factory -> Deferred.succeed(reactor.listenTCP(port, factory, 7, "127.0.0.1"));
        }
    }

    /** Client side: {@code plugtest:HOST:PORT}. */
    public static final class Client implements ClientEndpointParser {
        @Override
        public String prefix() {
            return "plugtest";
        }

        @Override
        public ClientEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
            return new TCP4ClientEndpoint(reactor, args.get(0), Integer.parseInt(args.get(1)));
        }
    }
}
