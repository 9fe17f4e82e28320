package dev.torsion.sip.proxy;

import static dev.torsion.sip.support.SipWorld.answer;
import static dev.torsion.sip.support.SipWorld.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.sip.locate.FakeResolver;
import dev.torsion.sip.locate.NaptrRecord;
import dev.torsion.sip.locate.ServerLocator;
import dev.torsion.sip.locate.SrvOrdering;
import dev.torsion.sip.locate.SrvRecord;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.support.SipWorld;
import dev.torsion.sip.transport.Destination;
import dev.torsion.sip.transport.TransportKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy routing to host names it locates (RFC 3263) on a fake resolver, the memory transport
 * and the TestClock: NAPTR, SRV and A to the first target, and failover to the next on a 503, a
 * timeout or a transport error (section 4.3), each with a new branch.
 */
class ProxyLocateTest {
    private static final int ALICE = 6001;
    private static final int FIRST = 7001;
    private static final int SECOND = 7002;
    private final SipWorld world = new SipWorld(null);
    private final FakeResolver dns = new FakeResolver();

    @BeforeEach
    void zone() {
        dns.naptr.put("example.test", List.of(new NaptrRecord(10, 10, "s", "SIP+D2U", "", "_sip._udp.example.test")));
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(20, 0, SECOND, "second.example.test"),
                new SrvRecord(10, 0, FIRST, "first.example.test")));
        dns.addresses.put("first.example.test", List.of("127.0.0.1"));
        dns.addresses.put("second.example.test", List.of("127.0.0.1"));
        world.server.proxy().setLocator(new ServerLocator(dns, new SrvOrdering(sum -> 0), false, 16));
    }

    private void invite(String uri, String branch) {
        world.send(ALICE, request("INVITE", uri, ALICE, branch, "sip:alice@example.org", uri, "call-" + branch, 1,
                "Contact: <sip:alice@127.0.0.1:6001>\r\n"));
    }

    @Test
    void aHostNameIsLocatedAndA503FailsOverWithANewBranch() throws Exception {
        invite("sip:carol@example.test", "z9hG4bKl1");
        assertEquals(100, world.response(ALICE).status());
        SipRequest first = world.request(FIRST);
        assertEquals("sip:carol@example.test", first.uri(), "the Request-URI is kept; only the hop is located");
        assertEquals(List.of("NAPTR example.test", "SRV _sip._udp.example.test", "A first.example.test",
                "A second.example.test"), dns.asked);
        world.send(FIRST, answer(first, 503, "Service Unavailable", "f1", ""));
        assertEquals("ACK", world.request(FIRST).method(), "the 503 is ACKed on its own transaction");
        SipRequest second = world.request(SECOND);
        assertEquals("INVITE", second.method());
        assertEquals(first.topVia().branch() + "-1", second.topVia().branch(), "a new transaction (section 4.3)");
        assertEquals(first.headers().first("CSeq"), second.headers().first("CSeq"));
        assertEquals(List.of(), world.to(ALICE), "the 503 is not forwarded while a destination is left");
        world.send(SECOND, answer(second, 200, "OK", "s1", "Contact: <sip:carol@127.0.0.1:7002>\r\n"));
        SipResponse ok = world.response(ALICE);
        assertEquals(200, ok.status());
        assertEquals("s1", ok.to().tag());
    }

    @Test
    void theLast503GoesUpAs500() throws Exception {
        invite("sip:carol@example.test", "z9hG4bKl2");
        world.response(ALICE);
        world.send(FIRST, answer(world.request(FIRST), 503, "Service Unavailable", "f1", ""));
        world.to(FIRST);
        world.send(SECOND, answer(world.request(SECOND), 503, "Service Unavailable", "s1", ""));
        assertEquals(500, world.response(ALICE).status(), "RFC 3261 section 16.7 step 6");
    }

    @Test
    void aTimeoutFailsOverToTheNextDestination() throws Exception {
        world.send(ALICE, request("OPTIONS", "sip:carol@example.test", ALICE, "z9hG4bKl3", "sip:alice@example.org",
                "sip:carol@example.test", "opt-l3", 1, ""));
        List<SipMessage> retransmitted = world.to(FIRST);
        assertEquals(1, retransmitted.size());
        for (int i = 0; i < 31; i++) {
            world.clock.advance(Duration.ofSeconds(1)); // a step at a time: each retransmission schedules the next
        }
        assertEquals(9, world.to(FIRST).size(), "timer E: 0.5, 1.5, 3.5, 7.5 s, then every 4 s (T2)");
        assertEquals(List.of(), world.to(SECOND));
        world.clock.advance(Duration.ofSeconds(2)); // timer F: 64*T1
        world.to(FIRST);
        SipRequest second = world.request(SECOND);
        assertEquals("OPTIONS", second.method());
        world.send(SECOND, answer(second, 200, "OK", "s3", ""));
        assertEquals(200, world.response(ALICE).status());
    }

    @Test
    void aTransportErrorFailsOverAtOnce() throws Exception {
        invite("sip:carol@example.test", "z9hG4bKl4");
        world.response(ALICE);
        SipRequest first = world.request(FIRST);
        // What the transport reports when a connection cannot be made (RFC 3261 section 18.4).
        world.server.transactions().transportFailed(new Destination(TransportKind.UDP, "127.0.0.1", FIRST));
        SipRequest second = world.request(SECOND);
        assertEquals(first.topVia().branch() + "-1", second.topVia().branch());
        assertEquals(1, world.server.transactions().clientCount(), "the failed transaction ended; the new one runs");
    }

    @Test
    void noDestinationLeftEndsWithTheBestAnswer() throws Exception {
        dns.srv.put("_sip._udp.example.test", List.of(new SrvRecord(10, 0, FIRST, "first.example.test")));
        invite("sip:carol@example.test", "z9hG4bKl5");
        world.response(ALICE);
        world.server.transactions().transportFailed(new Destination(TransportKind.UDP, "127.0.0.1", FIRST));
        assertEquals(408, world.response(ALICE).status(), "a transport error counts as a timeout (section 16.7)");
    }

    @Test
    void aNameWithoutRecordsIs404AndAFailedLookup503() throws Exception {
        invite("sip:carol@nowhere.test", "z9hG4bKl6");
        List<SipMessage> replies = world.to(ALICE);
        assertEquals(404, ((SipResponse) replies.get(1)).status());
        assertEquals("Not Found (No Resolvable Target)", ((SipResponse) replies.get(1)).reason());
        dns.failing.add("broken.test");
        invite("sip:carol@broken.test", "z9hG4bKl7");
        replies = world.to(ALICE);
        assertEquals(503, ((SipResponse) replies.get(1)).status());
        assertEquals("Service Unavailable (DNS Failure)", ((SipResponse) replies.get(1)).reason());
    }

    @Test
    void aCancelWhileLocatingEndsTheCallAndNothingIsSent() throws Exception {
        dns.hold = true;
        invite("sip:carol@example.test", "z9hG4bKl8");
        assertEquals(100, world.response(ALICE).status());
        world.send(ALICE, request("CANCEL", "sip:carol@example.test", ALICE, "z9hG4bKl8", "sip:alice@example.org",
                "sip:carol@example.test", "call-z9hG4bKl8", 1, ""));
        List<SipMessage> replies = world.to(ALICE);
        assertEquals(List.of(200, 487), replies.stream().map(m -> ((SipResponse) m).status()).toList());
        dns.release();
        assertEquals(List.of(), world.to(FIRST), "located after the CANCEL: not forwarded");
        assertEquals(0, world.server.proxy().pendingForks());
    }

    @Test
    void theAckOfA2xxIsLocatedToo() throws Exception {
        world.send(ALICE, request("ACK", "sip:carol@example.test", ALICE, "z9hG4bKa9", "sip:alice@example.org",
                "sip:carol@example.test", "call-a9", 1, "").replace("To: <sip:carol@example.test>",
                "To: <sip:carol@example.test>;tag=c9"));
        SipRequest ack = world.request(FIRST);
        assertEquals("ACK", ack.method());
        assertEquals("69", ack.headers().first("Max-Forwards"));
    }
}
