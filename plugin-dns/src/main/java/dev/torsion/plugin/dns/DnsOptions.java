package dev.torsion.plugin.dns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code torsion dns}, with Twisted's {@code twistd dns} spellings accepted. */
@Command(description = "A DNS server over UDP and TCP: authoritative for zone files (RFC 1035 master format) and a "
        + "hosts file; other questions asking for recursion go to --forward servers (or, with --recursive, to the "
        + "servers of /etc/resolv.conf), through a TTL cache with --cache.")
final class DnsOptions {
    @Option(names = {"--port", "-p"}, paramLabel = "PORT", defaultValue = "53",
            description = "The UDP and TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--interface", paramLabel = "IP", defaultValue = "",
            description = "The address to listen on (default: every interface).")
    String interfaceAddress;

    @Option(names = "--listen", paramLabel = "ENDPOINT",
            description = "More places to listen, besides --port: udp:PORT[:interface=IP], or a stream endpoint "
                    + "(tcp:PORT[:interface=IP], tcp6:..., unix:PATH) for DNS over TCP. Several allowed.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--zone", paramLabel = "[NAME=]FILE",
            description = "A zone file to serve; its origin is NAME, or the file's first $ORIGIN. Several allowed.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--bindzone", paramLabel = "FILE",
            description = "As twistd dns: a BIND zone file whose origin is its $ORIGIN. Several allowed.")
    List<Path> bindZones = new ArrayList<>();

    @Option(names = "--secondary", paramLabel = "NAME=IP[:PORT]",
            description = "Serve NAME as a secondary: AXFR from the primary IP, refreshed by its SOA. Several allowed.")
    List<String> secondaries = new ArrayList<>();

    @Option(names = "--hosts-file", paramLabel = "FILE", description = "Answer A and AAAA questions from a hosts file.")
    Path hostsFile;

    @Option(names = "--forward", paramLabel = "IP[:PORT]",
            description = "An upstream server for the names no zone covers (queries with RD set). Several allowed.")
    List<String> forward = new ArrayList<>();

    @Option(names = {"--recursive", "-r"},
            description = "As twistd dns: answer other names through the servers of --resolv-conf (when no --forward).")
    boolean recursive;

    @Option(names = "--root-hints", paramLabel = "IP[:PORT]", split = ",",
            description = "With --recursive: iterate from these root servers instead of asking resolv.conf's "
                    + "(every server is then asked on PORT, default 53).")
    List<String> rootHints = new ArrayList<>();

    @Option(names = "--resolv-conf", paramLabel = "FILE", defaultValue = "/etc/resolv.conf",
            description = "The resolv.conf read by --recursive (default: ${DEFAULT-VALUE}).")
    Path resolvConf;

    @Option(names = {"--cache", "-c"}, description = "Keep forwarded answers for their TTL (negative ones too, RFC 2308).")
    boolean cache;

    @Option(names = "--allow-recursion", paramLabel = "IP",
            description = "A client address whose questions go to --forward or --recursive (default: 127.0.0.1 and ::1, "
                    + "so the server is no open resolver). Several allowed; 'any' allows everyone.")
    List<String> allowRecursion = new ArrayList<>();

    @Option(names = "--allow-transfer", paramLabel = "IP",
            description = "A client address allowed to AXFR the zones (default: 127.0.0.1 and ::1). Several allowed; 'any' allows everyone.")
    List<String> allowTransfer = new ArrayList<>();

    @Option(names = "--rate-limit", paramLabel = "N",
            description = "Response rate limiting: at most N UDP responses per second to each client /24 (IPv6 /56); "
                    + "beyond it replies are dropped, every second one sent truncated (default: off).")
    Integer rateLimit;

    @Option(names = "--no-cookies", description = "Do not answer DNS cookies (RFC 7873); they are answered by default, as BIND does.")
    boolean noCookies;

    @Option(names = "--udp-payload", paramLabel = "OCTETS", defaultValue = "1232",
            description = "The largest UDP reply and the EDNS size advertised (default: ${DEFAULT-VALUE}).")
    int udpPayload;

    @Option(names = {"--verbose", "-v"}, description = "Accepted for twistd dns compatibility; logging is configured by the runner.")
    boolean verbose;
}
