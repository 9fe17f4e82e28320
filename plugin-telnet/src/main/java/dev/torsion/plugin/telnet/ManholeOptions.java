package dev.torsion.plugin.telnet;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion manhole}. */
@Command(description = "Serves the manhole, an interactive Java shell (JShell) inside this server, over Telnet "
        + "and SSH. Logins are checked by --auth; only loopback is served unless --allow-remote is given.")
final class ManholeOptions {
    @Option(names = "--telnet", paramLabel = "ENDPOINT",
            description = "A Telnet endpoint (tcp:4040:interface=127.0.0.1); several allowed.")
    List<String> telnet = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "ENDPOINT",
            description = "An SSH endpoint (tcp:4041:interface=127.0.0.1); several allowed.")
    List<String> ssh = new ArrayList<>();

    @Option(names = "--host-key", paramLabel = "FILE", defaultValue = "manhole_host_ed25519_key",
            description = "The SSH host key (OpenSSH ed25519 private key file), made (mode 0600) when absent. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path hostKey;

    @Option(names = "--allow-remote",
            description = "Allow endpoints and clients that are not loopback.")
    boolean allowRemote;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "8",
            description = "Connections open at once, each listener (each session holds a JShell and its "
                    + "compiler); more are closed at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Mixin
    AuthOptions auth = new AuthOptions();
}
