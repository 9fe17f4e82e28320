package dev.torsion.mail.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MX lookups for the relay through proto-dns's resolver, against Torsion's DNS server on loopback. */
class DnsMailExchangersTest {
    private static final String ZONE = """
            $ORIGIN mail.test.
            $TTL 300
            @        IN SOA ns hostmaster 1 7200 3600 1209600 300
                     IN NS  ns
            ns       IN A   127.0.0.1
            @        IN MX  20 backup.mail.test.
                     IN MX  10 primary
            primary  IN A   127.0.0.1
            nomx     IN A   127.0.0.1
            nullmx   IN MX  0 .
            """;

    @TempDir
    static Path dir;
    private static LiveReactor live;
    private static ListeningPort port;
    private static DnsMailExchangers exchangers;

    @BeforeAll
    static void start() throws Exception {
        Path zoneFile = Files.writeString(dir.resolve("mail.test.zone"), ZONE);
        DnsServer server = new DnsServer(List.of(new ZoneAuthority(ZoneFileParser.load(zoneFile, Name.parse("mail.test."),
                DnsLimits.DEFAULTS), DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS, peer -> false);
        live = new LiveReactor();
        port = live.call(() -> live.reactor.listenUDP(0, new DnsDatagramProtocol(server), "127.0.0.1", 65535));
        NameServer ours = new NameServer("127.0.0.1", ((IPv4Address) port.getHost()).port());
        exchangers = new DnsMailExchangers(new Resolver(new DnsClient(live.reactor, List.of(ours), DnsLimits.DEFAULTS), null, null));
    }

    @AfterAll
    static void stop() throws Exception {
        live.call(port::stopListening);
        live.close();
    }

    @Test
    void mxHostsComeLowestPreferenceFirstWithoutTheTrailingDot() throws Exception {
        assertEquals(List.of("primary.mail.test", "backup.mail.test"), live.await(() -> exchangers.mailExchangers("mail.test")));
    }

    @Test
    void aDomainWithoutMxIsItsOwnMailHost() throws Exception {
        assertEquals(List.of("nomx.mail.test"), live.await(() -> exchangers.mailExchangers("nomx.mail.test")));
    }

    @Test
    void aNullMxAndAMissingDomainFail() {
        IllegalArgumentException nullMx = assertThrows(IllegalArgumentException.class, () -> live.await(() -> exchangers.mailExchangers("nullmx.mail.test")));
        assertTrue(String.valueOf(nullMx.getMessage()).contains("null MX"), String.valueOf(nullMx));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> live.await(() -> exchangers.mailExchangers("gone.mail.test")));
        assertTrue(String.valueOf(missing.getMessage()).contains("no such domain: gone.mail.test"), String.valueOf(missing));
    }
}
