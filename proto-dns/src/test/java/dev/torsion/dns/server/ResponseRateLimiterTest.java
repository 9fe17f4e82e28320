package dev.torsion.dns.server;

import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.MessageCodec;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.support.TestZone;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseRateLimiterTest {
    private static final byte[] QUERY = MessageCodec.encode(Message.query(9, Question.of(Name.parse("web.example.org."), RRType.A),
            false, null));

    private static IPv4Address peer(String host) {
        return new IPv4Address(SocketType.UDP, host, 5300);
    }

    @Test
    void overTheRateRepliesAreDroppedAndEveryThirdSlipsTruncated() throws Exception {
        TestClock clock = new TestClock();
        DnsServer server = new DnsServer(List.of(new ZoneAuthority(TestZone.load(), DnsLimits.DEFAULTS)), null,
                DnsLimits.DEFAULTS, p -> false).setRateLimiter(new ResponseRateLimiter(clock,
                        new ResponseRateLimiter.Config(5, 3, 100)));
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Outcome o = successResultOf(server.handle(QUERY, DnsServer.Transport.UDP, peer("198.51.100." + (i % 2 + 1))));
            if (o.replies().isEmpty()) {
                kinds.add("drop");
            } else {
                Message m = MessageCodec.decode(o.replies().get(0), DnsLimits.DEFAULTS);
                kinds.add(m.has(Message.TC) ? "slip" : "answer");
                assertEquals(9, m.id());
            }
        }
        // One /24: 5 answers, then drop, drop, slip, drop, drop, slip.
        assertEquals(List.of("answer", "answer", "answer", "answer", "answer", "drop", "drop", "slip", "drop", "drop", "slip"), kinds);
        Outcome other = successResultOf(server.handle(QUERY, DnsServer.Transport.UDP, peer("203.0.113.1")));
        assertEquals(1, other.replies().size(), "another network has its own bucket");
        clock.advance(Duration.ofMillis(200));
        Outcome refilled = successResultOf(server.handle(QUERY, DnsServer.Transport.UDP, peer("198.51.100.9")));
        assertTrue(MessageCodec.decode(refilled.replies().get(0), DnsLimits.DEFAULTS).answers().size() == 1, "a token back after 1/5 s");
        Outcome tcp = successResultOf(server.handle(QUERY, DnsServer.Transport.TCP, peer("198.51.100.9")));
        assertEquals(1, tcp.replies().size(), "TCP is not limited");
    }
}
