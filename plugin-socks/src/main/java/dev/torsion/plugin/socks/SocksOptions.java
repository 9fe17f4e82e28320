package dev.torsion.plugin.socks;

import dev.torsion.app.AuthOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion socks}, twistd socks's --port and --interface included. */
@Command(description = "A SOCKS4, SOCKS4a and SOCKS5 proxy (RFC 1928) on one port. Only loopback clients may use it "
        + "unless --allow names their networks: it is never an open proxy by default. With --auth, SOCKS5 clients "
        + "log in with a user and password (RFC 1929) and SOCKS4 is refused. CONNECT, BIND and UDP ASSOCIATE are served "
        + "within the same access rules; --no-bind and --no-udp switch the latter two off.")
final class SocksOptions {
    @Option(names = {"--listen", "-l"}, paramLabel = "ENDPOINT",
            description = "Where SOCKS listens (tcp:1080:interface=127.0.0.1); several allowed. Default: tcp:1080:interface=127.0.0.1.")
    List<String> listen = new ArrayList<>();

    @Option(names = {"--port", "-p"}, paramLabel = "PORT", description = "twistd socks's port option (tcp:PORT on --interface).")
    Integer port;

    @Option(names = {"--interface", "-i"}, paramLabel = "ADDRESS",
            description = "twistd socks's interface option, with --port (default 127.0.0.1).")
    String bindInterface;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Option(names = "--allow", paramLabel = "CIDR",
            description = "A client network that may use the proxy (default: 127.0.0.0/8 and ::1/128); several allowed.")
    List<String> allowClients = new ArrayList<>();

    @Option(names = "--allow-to", paramLabel = "CIDR[@PORT[-PORT]]",
            description = "A destination allowed ahead of the --deny rules; several allowed.")
    List<String> allowDestinations = new ArrayList<>();

    @Option(names = "--no-bind",
            description = "Refuse BIND (answered X'07', SOCKS4 91). By default BIND is served within the access rules.")
    boolean noBind;

    @Option(names = "--no-udp",
            description = "Refuse UDP ASSOCIATE (answered X'07'). By default it is served within the access rules.")
    boolean noUdp;

    @Option(names = "--deny", paramLabel = "CIDR[@PORT[-PORT]]",
            description = "A destination network (and ports) refused, checked on the resolved address; several allowed.")
    List<String> denyDestinations = new ArrayList<>();
}
