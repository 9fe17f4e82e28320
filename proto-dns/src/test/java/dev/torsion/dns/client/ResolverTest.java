package dev.torsion.dns.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Edns;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.dns.support.TestZone;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.HostResolver;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver over real sockets against Torsion's own server, a silent server and a spoofer. */
class ResolverTest {
    private static final DnsLimits FAST = DnsLimits.DEFAULTS.withQueryTimeout(Duration.ofMillis(300), 2);
    private static LiveDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LiveDnsServer(new DnsServer(List.of(new ZoneAuthority(TestZone.load(), DnsLimits.DEFAULTS)), null,
                DnsLimits.DEFAULTS, peer -> true));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Resolver resolver(List<NameServer> servers, HostsFile hosts, DnsCache cache) {
        return new Resolver(new DnsClient(server.live.reactor, servers, FAST), hosts, cache);
    }

    private static NameServer ours() {
        return new NameServer("127.0.0.1", server.port);
    }

    private static List<String> texts(LookupResult result) {
        return result.answers().stream().map(r -> r.data().toString()).toList();
    }

    @Test
    void eachLookupAsksItsType() throws Exception {
        Resolver r = resolver(List.of(ours()), null, null);
        assertEquals(List.of("192.0.2.80"), texts(server.live.await(() -> r.lookupAddress("web.example.org"))));
        assertEquals(List.of("2001:db8::25"), texts(server.live.await(() -> r.lookupIPV6Address("mail.example.org"))));
        assertEquals(List.of("10 mail.example.org.", "20 mail2.example.net."),
                texts(server.live.await(() -> r.lookupMailExchange("example.org"))));
        assertEquals(List.of("10 60 5060 sip.example.org."),
                texts(server.live.await(() -> r.lookupService("_sip._tcp.example.org"))));
        assertEquals(List.of("\"v=spf1 -all\""), texts(server.live.await(() -> r.lookupText("example.org"))));
        assertEquals("192.0.2.80", server.live.await(() -> r.getHostByName("web.example.org")));
    }

    @Test
    void installedOnTheReactorItResolvesConnectTcpHostNames() throws Exception {
        Resolver r = resolver(List.of(ours()), null, null);
        LiveReactor live = server.live;
        ListeningPort echo = live.call(() -> live.reactor.listenTCP(0, address -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write(data);
            }
        }, 50, "127.0.0.1"));
        int port = ((IPv4Address) echo.getHost()).port();
        HostResolver before = live.call(() -> live.reactor.installResolver(r));
        try {
            CompletableFuture<String> answer = new CompletableFuture<>();
            ClientFactory pinger = new ClientFactory() {
                @Override
                public Protocol buildProtocol(Address address) {
                    return new Protocol() {
                        @Override
                        public void connectionMade() {
                            transport().write("ping".getBytes(StandardCharsets.US_ASCII));
                        }

                        @Override
                        public void dataReceived(byte[] data) {
                            answer.complete(new String(data, StandardCharsets.US_ASCII));
                            transport().loseConnection();
                        }
                    };
                }

                @Override
                public void clientConnectionFailed(Connector connector, Failure reason) {
                    answer.completeExceptionally(reason.value());
                }
            };
            live.call(() -> live.reactor.connectTCP("loopback.example.org", port, pinger));
            assertEquals("ping", answer.get(10, TimeUnit.SECONDS));
        } finally {
            live.call(() -> live.reactor.installResolver(before));
            live.call(echo::stopListening);
        }
    }

    @Test
    void lookupZoneTransfersTheWholeZone() throws Exception {
        Resolver r = resolver(List.of(ours()), null, null);
        LookupResult zone = server.live.await(() -> r.lookupZone("example.org", server.live.reactor, FAST));
        assertEquals(TestZone.load().size(), zone.answers().size());
        assertEquals(RRType.SOA, zone.answers().get(0).type());
    }

    @Test
    void nxdomainFailsWithANameError() {
        Resolver r = resolver(List.of(ours()), null, null);
        DnsLookupError e = assertThrows(DnsLookupError.class, () -> server.live.await(() -> r.lookupAddress("nope.example.org")));
        assertTrue(e.isNameError());
    }

    @Test
    void aTruncatedReplyIsAskedAgainOverTcp() throws Exception {
        Resolver r = new Resolver(new DnsClient(server.live.reactor, List.of(ours()), FAST.withUdpPayloadSize(512)), null, null);
        assertEquals(40, server.live.await(() -> r.lookupText("big.example.org")).answers().size());
    }

    @Test
    void aSilentServerIsSkippedForTheNext() throws Exception {
        ListeningPort silent = server.live.call(() -> server.live.reactor.listenUDP(0, new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] datagram, Address from) {
            }
        }, "127.0.0.1", 8192));
        int silentPort = ((IPv4Address) silent.getHost()).port();
        Resolver r = resolver(List.of(new NameServer("127.0.0.1", silentPort), ours()), null, null);
        assertEquals(List.of("192.0.2.80"), texts(server.live.await(() -> r.lookupAddress("web.example.org"))));
        Resolver onlySilent = resolver(List.of(new NameServer("127.0.0.1", silentPort)), null, null);
        DnsLookupError e = assertThrows(DnsLookupError.class,
                () -> server.live.await(() -> onlySilent.lookupAddress("web.example.org")));
        assertEquals(DnsLookupError.TIMEOUT, e.rcode());
        server.live.call(silent::stopListening);
    }

    @Test
    void spoofedRepliesAreIgnored() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        ListeningPort spoofer = server.live.call(() -> server.live.reactor.listenUDP(0, new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] datagram, Address from) {
                queries.incrementAndGet();
                try {
                    Message q = MessageCodec.decode(datagram, DnsLimits.DEFAULTS);
                    Name wrong = Name.parse("evil.example.");
                    transport().write(new byte[] {1, 2, 3}, from);
                    // The right ID but a compression loop in the question: malformed, ignored.
                    transport().write(new byte[] {(byte) (q.id() >> 8), (byte) q.id(), (byte) 0x81, (byte) 0x80, 0, 1, 0, 0, 0, 0, 0, 0,
                        (byte) 0xc0, 12, 0, 1, 0, 1}, from);
                    transport().write(answer(q.id() ^ 1, q.question(), "6.6.6.6"), from);
                    transport().write(answer(q.id(), Question.of(wrong, RRType.A), "6.6.6.7"), from);
                    transport().write(answer(q.id(), q.question(), "192.0.2.1"), from);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "127.0.0.1", 8192));
        int port = ((IPv4Address) spoofer.getHost()).port();
        Resolver r = resolver(List.of(new NameServer("127.0.0.1", port)), null, null);
        assertEquals(List.of("192.0.2.1"), texts(server.live.await(() -> r.lookupAddress("target.example"))));
        assertEquals(1, queries.get());
        server.live.call(spoofer::stopListening);
    }

    @Test
    void eachQueryHasItsOwnSourcePortAndId() throws Exception {
        List<Integer> ports = new CopyOnWriteArrayList<>();
        List<Integer> ids = new CopyOnWriteArrayList<>();
        ListeningPort recorder = server.live.call(() -> server.live.reactor.listenUDP(0, new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] datagram, Address from) {
                try {
                    Message q = MessageCodec.decode(datagram, DnsLimits.DEFAULTS);
                    ports.add(((IPv4Address) from).port());
                    ids.add(q.id());
                    transport().write(answer(q.id(), q.question(), "192.0.2.1"), from);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "127.0.0.1", 8192));
        int port = ((IPv4Address) recorder.getHost()).port();
        Resolver r = resolver(List.of(new NameServer("127.0.0.1", port)), null, null);
        for (int i = 0; i < 8; i++) {
            String name = "n" + i + ".example";
            server.live.await(() -> r.lookupAddress(name));
        }
        assertEquals(8, ports.size());
        assertTrue(new HashSet<>(ports).size() >= 7, "source ports " + ports);
        assertTrue(new HashSet<>(ids).size() >= 7, "IDs " + ids);
        server.live.call(recorder::stopListening);
    }

    @Test
    void clientCookiesAreSentCheckedAndTheServerCookieReturned() throws Exception {
        List<byte[]> cookiesSeen = new CopyOnWriteArrayList<>();
        byte[] serverCookie = "0123456789abcdef".getBytes();
        ListeningPort cookieServer = server.live.call(() -> server.live.reactor.listenUDP(0, new DatagramProtocol() {
            @Override
            public void datagramReceived(byte[] datagram, Address from) {
                try {
                    Message q = MessageCodec.decode(datagram, DnsLimits.DEFAULTS);
                    byte[] cookie = q.edns().options().get(0).data();
                    cookiesSeen.add(cookie);
                    byte[] wrong = cookie.clone();
                    wrong[0] ^= 1;
                    transport().write(withCookie(q, wrong, serverCookie, "6.6.6.6"), from);
                    transport().write(withCookie(q, Arrays.copyOf(cookie, 8), serverCookie, "192.0.2.1"), from);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "127.0.0.1", 8192));
        int port = ((IPv4Address) cookieServer.getHost()).port();
        Resolver r = resolver(List.of(new NameServer("127.0.0.1", port)), null, null);
        assertEquals(List.of("192.0.2.1"), texts(server.live.await(() -> r.lookupAddress("a.example"))));
        assertEquals(List.of("192.0.2.1"), texts(server.live.await(() -> r.lookupAddress("b.example"))));
        assertEquals(8, cookiesSeen.get(0).length, "a client cookie alone at first");
        assertEquals(24, cookiesSeen.get(1).length, "then with the server's cookie");
        assertArrayEquals(Arrays.copyOf(cookiesSeen.get(0), 8), Arrays.copyOf(cookiesSeen.get(1), 8));
        assertArrayEquals(serverCookie, Arrays.copyOfRange(cookiesSeen.get(1), 8, 24));
        server.live.call(cookieServer::stopListening);
    }

    private static byte[] withCookie(Message q, byte[] client, byte[] serverCookie, String address) {
        byte[] data = Arrays.copyOf(client, client.length + serverCookie.length);
        System.arraycopy(serverCookie, 0, data, client.length, serverCookie.length);
        ResourceRecord rr = ResourceRecord.of(q.question().name(), 60, RData.of(RRType.A, (Object) Presentation.parseAddress(address, 4)));
        return MessageCodec.encode(new Message(q.id(), Message.QR | Message.RA, Rcode.NOERROR, List.of(q.question()), List.of(rr),
                List.of(), List.of(), new Edns(1232, 0, false, List.of(new Edns.Option(10, data)))));
    }

    private static byte[] answer(int id, Question q, String address) {
        ResourceRecord rr = ResourceRecord.of(q.name(), 60, RData.of(RRType.A, (Object) Presentation.parseAddress(address, 4)));
        return MessageCodec.encode(new Message(id, Message.QR | Message.RD | Message.RA, Rcode.NOERROR, List.of(q), List.of(rr),
                List.of(), List.of(), null));
    }

    @Test
    void theHostsFileComesFirst() throws Exception {
        HostsFile hosts = HostsFile.parse("# comment\n192.0.2.222 web.example.org webby\n::1 localhost\n");
        Resolver r = resolver(List.of(ours()), hosts, null);
        assertEquals(List.of("192.0.2.222"), texts(server.live.await(() -> r.lookupAddress("WEB.example.org"))));
        assertEquals(List.of("::1"), texts(server.live.await(() -> r.lookupIPV6Address("localhost"))));
        assertEquals(List.of("10 mail.example.org.", "20 mail2.example.net."),
                texts(server.live.await(() -> r.lookupMailExchange("example.org"))));
    }
}
