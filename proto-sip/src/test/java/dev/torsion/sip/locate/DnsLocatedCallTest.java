package dev.torsion.sip.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.Peers;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.sip.ua.Call;
import dev.torsion.sip.ua.CallState;
import dev.torsion.sip.ua.IncomingCall;
import dev.torsion.sip.ua.UserAgent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 3263 over real sockets: proto-dns's authoritative server on loopback serves NAPTR, SRV, A
 * and AAAA records for example.test; the proxy locates {@code sip:carol@example.test} through it:
 * the preferred NAPTR (TCP) leads to a port where nothing listens, the refused connection fails
 * over at once (RFC 3261 section 18.4, RFC 3263 section 4.3) to the UDP one, where carol's user
 * agent answers.
 */
class DnsLocatedCallTest {
    private static LiveReactor live;
    private static int dnsPort;
    private static int deadPort;
    private static Destination proxy;
    private static UserAgent alice;
    private static UserAgent carol;
    private static Resolver resolver;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        dnsPort = Peers.freePort();
        deadPort = Peers.freePort(); // free: a connection to it is refused
        int proxyPort = Peers.freePort();
        int carolPort = Peers.freePort();
        proxy = new Destination(TransportKind.UDP, "127.0.0.1", proxyPort);
        String zone = String.join("\n",
                "$ORIGIN example.test.",
                "$TTL 60",
                "@ IN SOA ns hostmaster 1 3600 600 86400 60",
                "@ IN NS ns",
                "ns IN A 127.0.0.1",
                "@ IN NAPTR 20 10 \"s\" \"SIP+D2U\" \"\" _sip._udp",
                "@ IN NAPTR 10 10 \"s\" \"SIP+D2T\" \"\" _sip._tcp",
                "_sip._tcp IN SRV 10 0 " + deadPort + " dead",
                "_sip._udp IN SRV 10 0 " + carolPort + " carol-host",
                "dead IN A 127.0.0.1",
                "carol-host IN A 127.0.0.1",
                "carol-host IN AAAA ::1",
                "");
        live.call(() -> {
            DnsServer dns = new DnsServer(List.of(new ZoneAuthority(ZoneFileParser.parse(zone, null, DnsLimits.DEFAULTS),
                    DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS, peer -> false);
            live.reactor.listenUDP(dnsPort, new DnsDatagramProtocol(dns), "127.0.0.1", 65535);
            resolver = new Resolver(new DnsClient(live.reactor, List.of(new NameServer("127.0.0.1", dnsPort)),
                    DnsLimits.DEFAULTS), null, null);
            SipServer server = new SipServer(live.reactor, live.reactor, "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            server.proxy().setLocator(new ServerLocator(new DnsSipResolver(resolver), SrvOrdering.random(), false,
                    SipLimits.DEFAULTS.maxLocatedTargets()));
            server.listenUdp(proxyPort, "127.0.0.1");
            server.listenTcp(proxyPort, "127.0.0.1");
            alice = new UserAgent(live.reactor, live.reactor, "alice", "example.org", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS);
            alice.listenUdp(0, "127.0.0.1");
            carol = new UserAgent(live.reactor, live.reactor, "carol", "example.test", "127.0.0.1", SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS);
            carol.listenUdp(carolPort, "127.0.0.1");
            carol.setCallAcceptor(invite -> Deferred.succeed(UserAgent.audioOffer("127.0.0.1", 5002)));
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    @Test
    void theResolverReadsTheRecordsSipNeeds() throws Exception {
        DnsSipResolver dns = new DnsSipResolver(resolver);
        List<NaptrRecord> naptr = live.await(() -> dns.naptr("example.test"));
        assertEquals(2, naptr.size());
        assertTrue(naptr.contains(new NaptrRecord(10, 10, "s", "SIP+D2T", "", "_sip._tcp.example.test")), naptr.toString());
        assertEquals(List.of(new SrvRecord(10, 0, deadPort, "dead.example.test")), live.await(() -> dns.srv("_sip._tcp.example.test")));
        assertEquals(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"), live.await(() -> dns.addresses("carol-host.example.test")));
        assertEquals(List.of(), live.await(() -> dns.addresses("nowhere.example.test")), "NXDOMAIN is no address");
        assertEquals(List.of(), live.await(() -> dns.srv("_sip._sctp.example.test")));
    }

    @Test
    void theProxyRoutesACallToWhereDnsLeadsFailingOverFromARefusedTcpTarget() throws Exception {
        long started = System.nanoTime();
        Call call = live.await(() -> alice.invite("sip:carol@example.test", proxy,
                UserAgent.audioOffer("127.0.0.1", 5001)).answered());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < 10, "a refused connection fails over at once, not after timer B: " + seconds + " s");
        assertEquals(CallState.CONFIRMED, call.state());
        IncomingCall taken = live.call(() -> carol.incomingCall(call.callId()));
        assertEquals("sip:carol@example.test", taken.invite().uri(), "the proxy kept the Request-URI");
        assertEquals(2, taken.invite().vias().size(), "through the proxy");
        assertTrue(taken.invite().topVia().branch().endsWith("-1"), "the second transaction of the branch: "
                + taken.invite().topVia().branch());
        live.await(taken::confirmed);
        assertEquals(200, live.await(call::bye).status());
        live.await(taken::ended);
    }
}
