package dev.torsion.socks.client;

import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.ClientEndpointParser;
import dev.torsion.internet.endpoints.TCP4ClientEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code socks5:} and {@code socks4a:} client endpoint strings:
 * {@code socks5:PROXYHOST:PROXYPORT:tcp:HOST:PORT[:user=U:password=P][:timeout=S]}, the proxy
 * reached over TCP (with a timeout in seconds) and {@code tcp:HOST:PORT} the destination the proxy
 * connects to, its name resolved by the proxy. Registered for {@code Endpoints.clientFromString}.
 */
public abstract class SocksClientEndpointParser implements ClientEndpointParser {
    private static final Set<String> KEYWORDS = Set.of("user", "password", "timeout");

    private final SocksVersion version;

    SocksClientEndpointParser(SocksVersion version) {
        this.version = version;
    }

    @Override
    public ClientEndpoint parse(Reactor reactor, List<String> args, Map<String, String> kwargs) {
        String usage = prefix() + ":PROXYHOST:PROXYPORT:tcp:HOST:PORT" + (version == SocksVersion.SOCKS5 ? "[:user=U:password=P]" : "[:user=U]");
        if (args.size() != 5 || !args.get(2).equals("tcp")) {
            throw new IllegalArgumentException("a " + prefix() + " endpoint is " + usage);
        }
        for (String key : kwargs.keySet()) {
            if (!KEYWORDS.contains(key) || version == SocksVersion.SOCKS4A && key.equals("password")) {
                throw new IllegalArgumentException("unknown argument '" + key + "' for a " + prefix() + " endpoint (" + usage + ")");
            }
        }
        if (kwargs.containsKey("password") && !kwargs.containsKey("user")) {
            throw new IllegalArgumentException("a " + prefix() + " endpoint's password needs a user");
        }
        Duration timeout = Reactor.DEFAULT_CONNECT_TIMEOUT;
        if (kwargs.containsKey("timeout")) {
            try {
                timeout = Duration.ofMillis((long) (Double.parseDouble(kwargs.get("timeout")) * 1000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a " + prefix() + " endpoint's timeout is a number of seconds");
            }
        }
        TCP4ClientEndpoint proxy = new TCP4ClientEndpoint(reactor, nonEmpty(args.get(0), "PROXYHOST"), port(args.get(1)), timeout, null);
        return new SocksClientEndpoint(proxy, version, nonEmpty(args.get(3), "HOST"), port(args.get(4)), kwargs.get("user"),
                kwargs.get("password"));
    }

    private String nonEmpty(String value, String name) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a " + prefix() + " endpoint needs a non-empty " + name);
        }
        return value;
    }

    private int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("a " + prefix() + " endpoint's port must be 1 to 65535, not '" + text + "'");
    }

    /** {@code socks5:}. */
    public static final class Socks5 extends SocksClientEndpointParser {
        /** The parser ServiceLoader makes. */
        public Socks5() {
            super(SocksVersion.SOCKS5);
        }

        @Override
        public String prefix() {
            return "socks5";
        }
    }

    /** {@code socks4a:}. */
    public static final class Socks4a extends SocksClientEndpointParser {
        /** The parser ServiceLoader makes. */
        public Socks4a() {
            super(SocksVersion.SOCKS4A);
        }

        @Override
        public String prefix() {
            return "socks4a";
        }
    }
}
