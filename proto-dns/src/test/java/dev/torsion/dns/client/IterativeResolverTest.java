package dev.torsion.dns.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.netty.testing.LiveReactor;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Iteration from root hints through a hierarchy of Torsion's own authoritative servers on
 * loopback addresses: the root on 127.0.0.2, {@code test.} on 127.0.0.3, {@code example.test.}
 * and {@code other.test.} on 127.0.0.4, all on one port.
 */
class IterativeResolverTest {
    private static final DnsLimits LIMITS = DnsLimits.DEFAULTS.withQueryTimeout(Duration.ofMillis(500), 1);
    private static LiveReactor live;
    private static int port;

    private static ZoneAuthority zone(String origin, String text) throws Exception {
        return new ZoneAuthority(ZoneFileParser.parse("$TTL 300\n@ SOA ns hostmaster 1 60 10 100 30\n" + text,
                Name.parse(origin), DnsLimits.DEFAULTS), DnsLimits.DEFAULTS);
    }

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        port = freePortOnAll("127.0.0.2", "127.0.0.3", "127.0.0.4");
        serve("127.0.0.2", zone(".", "@ NS a.root.\na.root. A 127.0.0.2\ntest. NS ns.test.\nns.test. A 127.0.0.3\n"));
        serve("127.0.0.3", zone("test.", "@ NS ns\nns A 127.0.0.3\nexample NS ns.example\nns.example A 127.0.0.4\n"
                + "other NS ns.hosted.example.test.\n"));
        serve("127.0.0.4", zone("example.test.", "@ NS ns\nns A 127.0.0.4\nwww A 192.0.2.1\nns.hosted A 127.0.0.4\n"
                + "alias CNAME www.other.test.\n"), zone("other.test.", "@ NS ns.hosted.example.test.\nwww A 192.0.2.2\n"));
    }

    private static void serve(String ip, ZoneAuthority... zones) throws Exception {
        new LiveDnsServer(live, new DnsServer(List.of(zones), null, DnsLimits.DEFAULTS, peer -> false), ip, port);
    }

    private static int freePortOnAll(String... ips) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ips[0]))) {
                candidate = probe.getLocalPort();
            }
            boolean free = true;
            for (String ip : ips) {
                try (ServerSocket tcp = new ServerSocket(candidate, 1, InetAddress.getByName(ip));
                        DatagramSocket udp = new DatagramSocket(candidate, InetAddress.getByName(ip))) {
                    free &= tcp.isBound() && udp.isBound();
                } catch (Exception taken) {
                    free = false;
                }
            }
            if (free) {
                return candidate;
            }
        }
        throw new AssertionError("no port free on every address");
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    private static IterativeResolver resolver() {
        return new IterativeResolver(live.reactor, List.of("127.0.0.2"), port, LIMITS, null);
    }

    private static List<String> texts(Message reply) {
        return reply.answers().stream().map(ResourceRecord::toString).toList();
    }

    @Test
    void followsReferralsFromTheRoot() throws Exception {
        IterativeResolver r = resolver();
        Message reply = live.await(() -> r.resolve(Question.of(Name.parse("www.example.test."), RRType.A)));
        assertEquals(List.of("www.example.test. 300 IN A 192.0.2.1"), texts(reply));
        assertTrue(reply.has(Message.AA));
    }

    @Test
    void resolvesAGluelessDelegationAndACnameAcrossZones() throws Exception {
        IterativeResolver r = resolver();
        Message other = live.await(() -> r.resolve(Question.of(Name.parse("www.other.test."), RRType.A)));
        assertEquals(List.of("www.other.test. 300 IN A 192.0.2.2"), texts(other));
        Message alias = live.await(() -> r.resolve(Question.of(Name.parse("alias.example.test."), RRType.A)));
        assertEquals(List.of("alias.example.test. 300 IN CNAME www.other.test.", "www.other.test. 300 IN A 192.0.2.2"),
                texts(alias));
    }

    @Test
    void nxdomainComesBackWithTheSoa() throws Exception {
        IterativeResolver r = resolver();
        Message reply = live.await(() -> r.resolve(Question.of(Name.parse("nope.example.test."), RRType.A)));
        assertEquals(Rcode.NXDOMAIN, reply.rcode());
        assertEquals(RRType.SOA, reply.authority().get(0).type());
    }

    @Test
    void aCacheAnswersTheSecondTime() throws Exception {
        DnsCache cache = new DnsCache(live.reactor, 100, 3600);
        IterativeResolver r = new IterativeResolver(live.reactor, List.of("127.0.0.2"), port, LIMITS, cache);
        live.await(() -> r.resolve(Question.of(Name.parse("www.example.test."), RRType.A)));
        assertEquals(1, live.<Integer>call(cache::size));
        Message again = live.await(() -> r.resolve(Question.of(Name.parse("www.example.test."), RRType.A)));
        assertEquals(List.of("www.example.test. 300 IN A 192.0.2.1").size(), again.answers().size());
    }
}
