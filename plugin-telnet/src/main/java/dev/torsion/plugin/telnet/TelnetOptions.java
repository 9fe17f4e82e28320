package dev.torsion.plugin.telnet;

import dev.torsion.app.AuthOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion telnet}. */
@Command(description = "Serves the manhole, an interactive Java shell (JShell) inside this server with the "
        + "reactor at hand, over Telnet. Logins are checked by --auth; only loopback is served unless "
        + "--allow-remote is given.")
final class TelnetOptions {
    /** The default endpoint: loopback only. */
    static final String DEFAULT_LISTEN = "tcp:4040:interface=127.0.0.1";

    @Option(names = "--listen", paramLabel = "ENDPOINT",
            description = "Where to listen, as an endpoint string; several allowed. Default: " + DEFAULT_LISTEN + ".")
    List<String> listen = new ArrayList<>();

    @Option(names = "--allow-remote",
            description = "Allow endpoints and clients that are not loopback. The manhole runs any Java code "
                    + "as this server: allow it only behind another safeguard.")
    boolean allowRemote;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "8",
            description = "Connections open at once, each listener (each session holds a JShell and its "
                    + "compiler); more are closed at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Mixin
    AuthOptions auth = new AuthOptions();

    /** The endpoints to listen on. */
    List<String> endpoints() {
        return listen.isEmpty() ? List.of(DEFAULT_LISTEN) : List.copyOf(listen);
    }

    /**
     * Whether an endpoint listens on loopback only: a UNIX socket, or tcp/tcp6/ssl bound with
     * {@code interface=} to 127.0.0.0/8, ::1 or localhost.
     */
    static boolean isLoopbackEndpoint(String endpoint) {
        String lower = endpoint.toLowerCase(Locale.ROOT);
        if (lower.startsWith("unix:")) {
            return true;
        }
        for (String part : endpoint.split(":(?=[a-zA-Z]+=)")) {
            if (part.startsWith("interface=")) {
                String host = part.substring("interface=".length()).replace("\\:", ":");
                return host.startsWith("127.") || host.equals("::1") || host.equals("localhost");
            }
        }
        return false;
    }
}
