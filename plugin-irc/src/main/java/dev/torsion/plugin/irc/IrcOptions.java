package dev.torsion.plugin.irc;

import dev.torsion.app.AuthOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion irc}. */
@Command(description = "An IRC server (RFC 1459/2812, IRCv3 capabilities): channels, messages, SASL PLAIN through --auth, "
        + "a server password, a message of the day. One network in one reactor: run it without --workers.")
final class IrcOptions {
    @Option(names = "--listen", paramLabel = "ENDPOINT",
            description = "Where to listen (tcp:6667, ssl:6697:certKey=...); several allowed. Default: tcp:6667.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--server-name", paramLabel = "NAME", required = true,
            description = "The server's name, a host name with a dot (irc.example.org).")
    String serverName;

    @Option(names = "--network", paramLabel = "NAME", defaultValue = "Torsion", description = "The network name (ISUPPORT NETWORK).")
    String network;

    @Option(names = "--password", paramLabel = "SECRET",
            description = "The connection password every client gives with PASS. Visible to other local users in ps: "
                    + "prefer --password-file.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the connection password.")
    Path passwordFile;

    @Option(names = "--motd", paramLabel = "FILE", description = "The message of the day, one line per line of FILE.")
    Path motd;

    @Mixin
    AuthOptions auth = new AuthOptions();
}
