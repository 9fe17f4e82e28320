package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Makes endpoints from strings, as Twisted's {@code serverFromString} and {@code clientFromString},
 * so that where a program listens or connects is configuration:
 *
 * <pre>{@code
 * Endpoints.serverFromString(reactor, "tcp:8080:interface=127.0.0.1").listen(factory);
 * Endpoints.connectProtocol(Endpoints.clientFromString(reactor, "tcp:host=example.org:port=80"), new Client());
 * }</pre>
 *
 * <p>Syntax: see {@link EndpointDescription}. Built in, with Twisted's argument names:
 * <ul>
 * <li>servers: {@code tcp:PORT[:interface=ADDR][:backlog=N]}, {@code tcp6:PORT[:interface=ADDR6][:backlog=N]},
 *     {@code unix:PATH[:mode=OCTAL][:backlog=N][:lockfile=0|1]};</li>
 * <li>clients: {@code tcp:host=HOST:port=PORT[:timeout=SECONDS][:bindAddress=ADDR]} (or
 *     {@code tcp:HOST:PORT}), {@code unix:path=PATH[:timeout=SECONDS][:checkPID=0|1]}.</li>
 * </ul>
 * Other kinds ({@code ssl}, {@code tls}, {@code systemd}, ...) come from modules that register a
 * {@link ServerEndpointParser} or {@link ClientEndpointParser} with {@link ServiceLoader}; the
 * built-in kinds cannot be replaced. An unknown kind or a bad argument is an
 * {@link IllegalArgumentException} that says what was wrong.
 */
public final class Endpoints {
    private static final List<String> TCP_SERVER = List.of("port", "interface", "backlog");
    private static final List<String> UNIX_SERVER = List.of("address", "mode", "backlog", "lockfile");
    private static final List<String> TCP_CLIENT = List.of("host", "port", "timeout", "bindAddress");
    private static final List<String> UNIX_CLIENT = List.of("path", "timeout", "checkPID");

    private Endpoints() {
    }

    /** A server endpoint from its description; see the class comment for the kinds. */
    public static ServerEndpoint serverFromString(Reactor reactor, String description) {
        EndpointDescription parsed = EndpointDescription.parse(description);
        String kind = parsed.kind();
        List<String> args = parsed.args();
        Map<String, String> kwargs = parsed.kwargs();
        switch (kind) {
            case "tcp" -> {
                EndpointArguments a = EndpointArguments.bind(kind, TCP_SERVER, args, kwargs);
                return new TCP4ServerEndpoint(reactor, a.port("port"), a.positiveInt("backlog", Reactor.DEFAULT_BACKLOG),
                        a.ipLiteral("interface", "", false));
            }
            case "tcp6" -> {
                EndpointArguments a = EndpointArguments.bind(kind, TCP_SERVER, args, kwargs);
                return new TCP6ServerEndpoint(reactor, a.port("port"), a.positiveInt("backlog", Reactor.DEFAULT_BACKLOG),
                        a.ipLiteral("interface", "::", true));
            }
            case "unix" -> {
                EndpointArguments a = EndpointArguments.bind(kind, UNIX_SERVER, args, kwargs);
                return new UNIXServerEndpoint(reactor, nonEmpty(kind, "address", a.required("address")),
                        a.positiveInt("backlog", Reactor.DEFAULT_BACKLOG),
                        a.octalMode("mode", UNIXServerEndpoint.DEFAULT_MODE), a.flag("lockfile", true));
            }
            default -> {
                ServerEndpointParser parser = find(ServerEndpointParser.class, kind, ServerEndpointParser::prefix,
                        description, "tcp", "tcp6", "unix");
                return parser.parse(reactor, args, kwargs);
            }
        }
    }

    /** A client endpoint from its description; see the class comment for the kinds. */
    public static ClientEndpoint clientFromString(Reactor reactor, String description) {
        EndpointDescription parsed = EndpointDescription.parse(description);
        String kind = parsed.kind();
        List<String> args = parsed.args();
        Map<String, String> kwargs = parsed.kwargs();
        switch (kind) {
            case "tcp" -> {
                EndpointArguments a = EndpointArguments.bind(kind, TCP_CLIENT, args, kwargs);
                String bind = a.string("bindAddress", null);
                if (bind != null) {
                    bind = a.ipLiteral("bindAddress", null, bind.contains(":"));
                }
                return new TCP4ClientEndpoint(reactor, nonEmpty(kind, "host", a.required("host")), a.port("port"),
                        a.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT),
                        bind == null ? null : new InetSocketAddress(nonEmpty(kind, "bindAddress", bind), 0));
            }
            case "unix" -> {
                EndpointArguments a = EndpointArguments.bind(kind, UNIX_CLIENT, args, kwargs);
                return new UNIXClientEndpoint(reactor, nonEmpty(kind, "path", a.required("path")),
                        a.seconds("timeout", Reactor.DEFAULT_CONNECT_TIMEOUT), a.flag("checkPID", false));
            }
            default -> {
                ClientEndpointParser parser = find(ClientEndpointParser.class, kind, ClientEndpointParser::prefix,
                        description, "tcp", "unix");
                return parser.parse(reactor, args, kwargs);
            }
        }
    }

    /**
     * Connects {@code protocol} (one protocol, not a factory) through {@code endpoint}: the Deferred
     * fires with that same protocol once it is connected, as Twisted's {@code connectProtocol}.
     */
    public static <P extends Protocol> Deferred<P> connectProtocol(ClientEndpoint endpoint, P protocol) {
        return endpoint.connect(address -> protocol).addCallback(connected -> protocol);
    }

    private static String nonEmpty(String kind, String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " endpoint needs a non-empty '" + name + "'");
        }
        return value;
    }

    private static <S> S find(Class<S> type, String kind, Function<S, String> prefixOf, String description,
            String... builtIn) {
        TreeSet<String> known = new TreeSet<>(List.of(builtIn));
        S found = null;
        for (S parser : ServiceLoader.load(type, classLoader())) {
            String prefix = prefixOf.apply(parser);
            known.add(prefix);
            if (found == null && prefix.equals(kind)) {
                found = parser;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("unknown endpoint kind '" + kind + "' in '" + description
                    + "' (known kinds: " + String.join(", ", known) + ")");
        }
        return found;
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Endpoints.class.getClassLoader();
    }
}
