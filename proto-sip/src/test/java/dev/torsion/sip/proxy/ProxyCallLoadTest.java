package dev.torsion.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipRequest;
import dev.torsion.sip.parse.SipResponse;
import dev.torsion.sip.registrar.Binding;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.support.RecordingUdp;
import dev.torsion.sip.support.SipWorld;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.SipDatagramProtocol;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call flow of SIPp's built-in UAC and UAS through the proxy (INVITE, 100, 180, 200, ACK, BYE,
 * 200) at a steady rate on the TestClock, with the default limits: what goes out for each message,
 * in order, and what the proxy does with a retransmitted INVITE and with a 180 overtaken by its 200.
 */
class ProxyCallLoadTest {
    private static final int UAC = 6001;
    private static final int UAS = 6002;
    private static final String UAS_CONTACT = "sip:bench@127.0.0.1:" + UAS;
    private final MemoryLocationService locations = new MemoryLocationService();
    private final TestClock clock = new TestClock();
    private final RecordingUdp udp = new RecordingUdp(SipWorld.HOST, SipWorld.PORT);
    private final SipServer server = new SipServer(null, clock, "example.org", SipWorld.HOST, SipLimits.DEFAULTS,
            TimerSettings.DEFAULTS, locations, null);
    private final SipDatagramProtocol protocol = server.transport().datagramProtocol();

    @BeforeEach
    void registerUas() throws Exception {
        server.transport().setPort(TransportKind.UDP, SipWorld.PORT);
        protocol.makeConnection(udp);
        locations.store("sip:bench@example.org", List.of(new Binding(NameAddress.parse("<" + UAS_CONTACT + ">", "Contact"),
                1.0, clock.nanoTime() + Duration.ofHours(2).toNanos(), "bench", 1)));
    }

    private void send(int fromPort, String text) {
        protocol.datagramReceived(text.getBytes(StandardCharsets.UTF_8),
                new IPv4Address(SocketType.UDP, SipWorld.HOST, fromPort));
    }

    /** What was sent to {@code port} since the last look, parsed, in order; the rest is kept. */
    private List<SipMessage> to(int port) throws Exception {
        List<SipMessage> out = new ArrayList<>();
        List<RecordingUdp.Sent> others = new ArrayList<>();
        for (RecordingUdp.Sent sent : udp.take()) {
            if (sent.port() == port) {
                out.add(SipDatagramParser.parse(sent.text().getBytes(StandardCharsets.UTF_8), SipLimits.DEFAULTS));
            } else {
                others.add(sent);
            }
        }
        udp.sent.addAll(others);
        return out;
    }

    private SipRequest request(int port) throws Exception {
        List<SipMessage> got = to(port);
        assertEquals(1, got.size(), got.toString());
        return (SipRequest) got.get(0);
    }

    private static String invite(int call) {
        return "INVITE sip:bench@example.org SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + UAC + ";branch=z9hG4bK-" + call + "-0\r\n"
                + "From: sipp <sip:sipp@127.0.0.1:" + UAC + ">;tag=" + call + "SIPpTag00\r\n"
                + "To: bench <sip:bench@example.org>\r\n"
                + "Call-ID: " + call + "@127.0.0.1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: sip:sipp@127.0.0.1:" + UAC + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** An in-dialog request of the UAC (ACK or BYE), sent by the Route the 200's Record-Route gave. */
    private static String inDialog(String method, int call, int cseq) {
        return method + " " + UAS_CONTACT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + UAC + ";branch=z9hG4bK-" + call + "-" + cseq + method + "\r\n"
                + "Route: <sip:127.0.0.1:5060;lr>\r\n"
                + "From: sipp <sip:sipp@127.0.0.1:" + UAC + ">;tag=" + call + "SIPpTag00\r\n"
                + "To: bench <sip:bench@example.org>;tag=" + call + "SIPpTag01\r\n"
                + "Call-ID: " + call + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String uasAnswer(SipRequest request, int status, String reason, int call) {
        return SipWorld.answer(request, status, reason, call + "SIPpTag01", "Contact: <" + UAS_CONTACT + ">\r\n");
    }

    private static String statusLine(SipMessage message) {
        return message instanceof SipResponse response ? response.status() + " " + response.reason()
                : ((SipRequest) message).method();
    }

    private static List<String> statusLines(List<SipMessage> messages) {
        return messages.stream().map(ProxyCallLoadTest::statusLine).toList();
    }

    /** The INVITE of {@code call} through the proxy to the UAS: the 100 to the UAC, the INVITE forwarded. */
    private SipRequest inviteThrough(int call) throws Exception {
        send(UAC, invite(call));
        assertEquals(List.of("100 Trying"), statusLines(to(UAC)), "call " + call);
        return request(UAS);
    }

    /** One whole call, each message's forwarding checked, in the order SIPp sends and expects them. */
    private void call(int call) throws Exception {
        SipRequest forwarded = inviteThrough(call);
        send(UAS, uasAnswer(forwarded, 180, "Ringing", call));
        send(UAS, uasAnswer(forwarded, 200, "OK", call));
        assertEquals(List.of("180 Ringing", "200 OK"), statusLines(to(UAC)), "call " + call);
        send(UAC, inDialog("ACK", call, 1));
        assertEquals("ACK", request(UAS).method(), "call " + call);
        send(UAC, inDialog("BYE", call, 2));
        SipRequest bye = request(UAS);
        assertEquals("BYE", bye.method(), "call " + call);
        send(UAS, uasAnswer(bye, 200, "OK", call));
        assertEquals(List.of("200 OK"), statusLines(to(UAC)), "call " + call);
    }

    @Test
    void callsAt400PerSecondForFortySecondsAllComplete() throws Exception {
        // Answered INVITEs and BYEs linger 32 s (timers L and J): the transaction table holds about
        // 70 of them per call per second. With the former limit of 10,000 calls got 503 from the
        // 10,000th transaction on, some 13 s into SipProxyBenchmark at 400 calls/s.
        int rate = 400;
        long gapNanos = Duration.ofSeconds(1).toNanos() / rate;
        for (int call = 1; call <= rate * 40; call++) {
            call(call);
            clock.advance(Duration.ofNanos(gapNanos));
        }
        int lingering = server.transactions().serverCount() + server.transactions().clientCount();
        assertTrue(lingering > 25_000, "finished transactions linger 32 s: " + lingering);
        clock.advance(Duration.ofSeconds(33));
        assertEquals(0, server.transactions().serverCount(), "timers L and J ended them all");
        assertEquals(0, server.transactions().clientCount(), "timer K ended them all");
        assertEquals(0, server.proxy().pendingForks());
    }

    @Test
    void aRetransmittedInviteGetsTheLastProvisionalAndIsNotForwardedAgain() throws Exception {
        SipRequest forwarded = inviteThrough(1);
        send(UAC, invite(1));
        assertEquals(List.of("100 Trying"), statusLines(to(UAC)), "RFC 3261 section 17.2.1: the last provisional");
        send(UAS, uasAnswer(forwarded, 180, "Ringing", 1));
        assertEquals(List.of("180 Ringing"), statusLines(to(UAC)));
        send(UAC, invite(1));
        List<RecordingUdp.Sent> again = udp.take();
        assertEquals(1, again.size(), "one answer, nothing forwarded to the UAS: " + again);
        assertEquals(UAC, again.get(0).port());
        assertTrue(again.get(0).text().startsWith("SIP/2.0 180 Ringing\r\n"), again.get(0).text());
        send(UAS, uasAnswer(forwarded, 200, "OK", 1));
        assertEquals(List.of("200 OK"), statusLines(to(UAC)));
        send(UAC, invite(1));
        assertEquals(List.of(), udp.take(), "RFC 6026 section 7.1: absorbed once accepted");
    }

    @Test
    void aProvisionalOvertakenByTheFinalIsNotForwardedAfterIt() throws Exception {
        SipRequest forwarded = inviteThrough(1);
        send(UAS, uasAnswer(forwarded, 200, "OK", 1));
        send(UAS, uasAnswer(forwarded, 180, "Ringing", 1));
        assertEquals(List.of("200 OK"), statusLines(to(UAC)), "a 180 after the 200 would abort the caller's call");
        send(UAS, uasAnswer(forwarded, 200, "OK", 1));
        List<SipMessage> retransmitted = to(UAC);
        assertEquals(List.of("200 OK"), statusLines(retransmitted), "section 16.7: a retransmitted 2xx goes on statelessly");
        assertEquals(1, retransmitted.get(0).headers().count("Via"), "with the proxy's Via taken off");
    }
}
