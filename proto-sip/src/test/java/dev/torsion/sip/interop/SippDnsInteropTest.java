package dev.torsion.sip.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.torsion.sip.locate.DnsSipResolver;
import dev.torsion.sip.locate.ServerLocator;
import dev.torsion.sip.locate.SrvOrdering;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.Peers;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.sip.ua.Call;
import dev.torsion.sip.ua.CallState;
import dev.torsion.sip.ua.UserAgent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3263 against SIPp: proto-dns's server on loopback publishes a SIPp UAS (the scenario the
 * other interop tests run through the proxy) under
 * {@code pbx.example.test} (NAPTR, SRV, A), and our user agent's call to
 * {@code sip:service@pbx.example.test} goes through the proxy to it: INVITE, 200, ACK and BYE,
 * with no failed call counted by SIPp.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SippDnsInteropTest {
    private static final String LOOP = "127.0.0.1";
    private static LiveReactor live;
    private static Destination proxy;
    private static int uasPort;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Peers.require(Peers.SIPP);
        live = new LiveReactor();
        int dnsPort = Peers.freePort();
        int proxyPort = Peers.freePort();
        uasPort = Peers.freePort();
        proxy = new Destination(TransportKind.UDP, LOOP, proxyPort);
        String zone = String.join("\n",
                "$ORIGIN example.test.",
                "$TTL 60",
                "@ IN SOA ns hostmaster 1 3600 600 86400 60",
                "@ IN NS ns",
                "ns IN A 127.0.0.1",
                "pbx IN NAPTR 10 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.pbx",
                "_sip._udp.pbx IN SRV 10 0 " + uasPort + " uas.pbx",
                "uas.pbx IN A 127.0.0.1",
                "");
        live.call(() -> {
            DnsServer dns = new DnsServer(List.of(new ZoneAuthority(ZoneFileParser.parse(zone, null, DnsLimits.DEFAULTS),
                    DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS, peer -> false);
            live.reactor.listenUDP(dnsPort, new DnsDatagramProtocol(dns), LOOP, 65535);
            Resolver resolver = new Resolver(new DnsClient(live.reactor, List.of(new NameServer(LOOP, dnsPort)),
                    DnsLimits.DEFAULTS), null, null);
            SipServer server = new SipServer(live.reactor, live.reactor, "example.org", LOOP, SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, new MemoryLocationService(), null);
            server.proxy().setLocator(new ServerLocator(new DnsSipResolver(resolver), SrvOrdering.random(), false,
                    SipLimits.DEFAULTS.maxLocatedTargets()));
            server.listenUdp(proxyPort, LOOP);
            return null;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void ourCallReachesTheSippUasThatDnsNames() throws Exception {
        Process uas = Peers.start(List.of(Peers.SIPP, "-sf", Peers.scenario("uas.xml", dir).toString(), "-i", LOOP,
                "-p", Integer.toString(uasPort), "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin", "-trace_err"), dir);
        try {
            UserAgent olivia = live.call(() -> {
                UserAgent ua = new UserAgent(live.reactor, live.reactor, "olivia", "example.org", LOOP, SipLimits.DEFAULTS,
                        TimerSettings.DEFAULTS);
                ua.listenUdp(0, LOOP);
                return ua;
            });
            Call call = live.await(() -> olivia.invite("sip:service@pbx.example.test", proxy,
                    UserAgent.audioOffer(LOOP, 4006)).answered());
            assertEquals(CallState.CONFIRMED, call.state());
            assertEquals(200, live.await(call::bye).status());
            assertTrue(uas.waitFor(30, TimeUnit.SECONDS), "the UAS did not finish its call");
            assertEquals(0, uas.exitValue(), "SIPp's UAS counted a failed call");
        } finally {
            uas.destroy();
        }
    }
}
