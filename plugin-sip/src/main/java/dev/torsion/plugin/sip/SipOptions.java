package dev.torsion.plugin.sip;

import dev.torsion.app.AuthOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code torsion sip}. */
@Command(description = "A SIP registrar and stateful proxy (RFC 3261): REGISTER with optional digest authentication "
        + "(SHA-256 and MD5), calls forked to every registered contact of the --domain, Record-Route, CANCEL.")
final class SipOptions {
    @Option(names = "--listen", paramLabel = "ENDPOINT", required = true,
            description = "Where to listen: udp:PORT[:interface=IP][:receiveBuffer=SIZE], tcp:PORT[:interface=IP], "
                    + "or a TLS stream endpoint ssl:PORT:privateKey=KEY:certKey=CERT[:interface=IP]. Several allowed. "
                    + "receiveBuffer is the UDP socket's receive buffer (default 4MB, which rides out a stall of the "
                    + "JVM under load; 0: the kernel's default); Linux caps it at net.core.rmem_max, and the size "
                    + "granted is logged when it is less.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "DOMAIN", required = true,
            description = "The domain whose addresses of record this server registers and routes.")
    String domain;

    @Option(names = "--advertise", paramLabel = "HOST",
            description = "The address put in Via and Record-Route (default: the first --listen interface, else 127.0.0.1).")
    String advertise;

    @Option(names = "--resolver", paramLabel = "IP[:PORT]",
            description = "The DNS server asked to locate next hops by NAPTR, SRV and A/AAAA (RFC 3263); "
                    + "several allowed, in order (default: the nameservers of /etc/resolv.conf, with /etc/hosts).")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--auth-algorithms", paramLabel = "LIST", defaultValue = "SHA-256,MD5", split = ",",
            description = "Digest algorithms offered to REGISTER, preferred first (default: ${DEFAULT-VALUE}).")
    List<String> algorithms = new ArrayList<>();

    @Option(names = "--t1", paramLabel = "MS", defaultValue = "500", description = "Timer T1 in ms (default: ${DEFAULT-VALUE}).")
    long t1;

    @Option(names = "--t2", paramLabel = "MS", defaultValue = "4000", description = "Timer T2 in ms (default: ${DEFAULT-VALUE}).")
    long t2;

    @Option(names = "--t4", paramLabel = "MS", defaultValue = "5000", description = "Timer T4 in ms (default: ${DEFAULT-VALUE}).")
    long t4;

    @Mixin
    AuthOptions auth = new AuthOptions();
}
