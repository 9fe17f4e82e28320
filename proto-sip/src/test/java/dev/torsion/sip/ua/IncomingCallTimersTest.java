package dev.torsion.sip.ua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.support.RecordingUdp;
import dev.torsion.sip.support.SipWorld;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.SipDatagramProtocol;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call taken by the user agent: the 2xx retransmitted until the ACK (RFC 3261 section 13.3.1.4), on the TestClock. */
class IncomingCallTimersTest {
    private final TestClock clock = new TestClock();
    private final RecordingUdp udp = new RecordingUdp("127.0.0.1", 5070);
    private final UserAgent agent = new UserAgent(null, clock, "bob", "example.org", "127.0.0.1", SipLimits.DEFAULTS,
            TimerSettings.DEFAULTS);
    private final SipDatagramProtocol protocol;

    IncomingCallTimersTest() {
        agent.transport().setPort(TransportKind.UDP, 5070);
        protocol = agent.transport().datagramProtocol();
        protocol.makeConnection(udp);
        agent.setCallAcceptor(invite -> Deferred.succeed(UserAgent.audioOffer("127.0.0.1", 6000)));
    }

    private void send(String text) {
        protocol.datagramReceived(text.getBytes(StandardCharsets.UTF_8), new IPv4Address(SocketType.UDP, "127.0.0.1", 6001));
    }

    private List<String> statusLines() {
        return udp.take().stream().map(s -> s.text().substring(0, s.text().indexOf("\r\n"))).toList();
    }

    private static String invite() {
        return SipWorld.request("INVITE", "sip:bob@127.0.0.1:5070", 6001, "z9hG4bKin1", "sip:alice@example.org",
                "sip:bob@example.org", "in-1", 1, "Contact: <sip:alice@127.0.0.1:6001>\r\n");
    }

    @Test
    void theTwoHundredIsRetransmittedUntilTheAck() {
        send(invite());
        assertEquals(List.of("SIP/2.0 100 Trying", "SIP/2.0 200 OK"), statusLines());
        IncomingCall call = agent.incomingCall("in-1");
        clock.advance(Duration.ofMillis(500));
        assertEquals(List.of("SIP/2.0 200 OK"), statusLines());
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), statusLines());
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("SIP/2.0 200 OK"), statusLines(), "T1 doubled");
        send(SipWorld.request("ACK", "sip:bob@127.0.0.1:5070", 6001, "z9hG4bKack1", "sip:alice@example.org",
                "sip:bob@example.org", "in-1", 1, "").replace("To: <sip:bob@example.org>", "To: <sip:bob@example.org>;tag=x"));
        assertEquals(CallState.CONFIRMED, call.state());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(), statusLines(), "no retransmission after the ACK");
        send(SipWorld.request("BYE", "sip:bob@127.0.0.1:5070", 6001, "z9hG4bKbye1", "sip:alice@example.org",
                "sip:bob@example.org", "in-1", 2, ""));
        assertEquals(List.of("SIP/2.0 200 OK"), statusLines());
        assertEquals(CallState.TERMINATED, call.state());
    }

    @Test
    void withoutAnAckTheCallEndsAfter64T1() {
        send(invite());
        IncomingCall call = agent.incomingCall("in-1");
        for (int i = 0; i < 319; i++) {
            clock.advance(Duration.ofMillis(100));
        }
        clock.advance(Duration.ofMillis(99));
        assertEquals(CallState.EARLY, call.state());
        clock.advance(Duration.ofMillis(1));
        assertEquals(CallState.TERMINATED, call.state());
        long sent = statusLines().stream().filter(l -> l.equals("SIP/2.0 200 OK")).count();
        // 0.5, 1.5, 3.5, 7.5 s, then every 4 s (T2) up to 31.5 s: 10 retransmissions and the first send.
        assertEquals(11, sent);
    }
}
