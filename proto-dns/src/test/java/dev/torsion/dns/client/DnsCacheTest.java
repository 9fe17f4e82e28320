package dev.torsion.dns.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torsion.dns.codec.Message;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RData;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsCacheTest {
    private static final Question Q = Question.of(Name.parse("www.example.org."), RRType.A);
    private static final ResourceRecord SOA = ResourceRecord.of(Name.parse("example.org."), 3600,
            RData.of(RRType.SOA, Name.parse("ns.example.org."), Name.parse("h.example.org."), 1L, 2L, 3L, 4L, 300L));

    private static Message reply(int rcode, List<ResourceRecord> answers, List<ResourceRecord> authority) {
        return new Message(1, Message.QR, rcode, List.of(Q), answers, authority, List.of(), null);
    }

    @Test
    void keepsAPositiveAnswerForItsLeastTtlAndAgesIt() {
        TestClock clock = new TestClock();
        DnsCache cache = new DnsCache(clock, 10, 10800);
        ResourceRecord a = ResourceRecord.of(Q.name(), 60, RData.of(RRType.A, (Object) Presentation.parseAddress("192.0.2.1", 4)));
        cache.put(Q, reply(Rcode.NOERROR, List.of(a, a.withTtl(100)), List.of()));
        clock.advance(Duration.ofSeconds(20));
        assertEquals(40, cache.get(Question.of(Name.parse("WWW.example.org."), RRType.A)).answers().get(0).ttl());
        clock.advance(Duration.ofSeconds(40));
        assertNull(cache.get(Q));
    }

    @Test
    void keepsNegativeAnswersForTheSoaMinimum() {
        TestClock clock = new TestClock();
        DnsCache cache = new DnsCache(clock, 10, 10800);
        cache.put(Q, reply(Rcode.NXDOMAIN, List.of(), List.of(SOA)));
        clock.advance(Duration.ofSeconds(299));
        assertEquals(Rcode.NXDOMAIN, cache.get(Q).rcode());
        clock.advance(Duration.ofSeconds(1));
        assertNull(cache.get(Q));
        cache.put(Q, reply(Rcode.NOERROR, List.of(), List.of()));
        assertNull(cache.get(Q), "NODATA without an SOA is not cached (RFC 2308 section 5)");
        DnsCache capped = new DnsCache(clock, 10, 100);
        capped.put(Q, reply(Rcode.NOERROR, List.of(), List.of(SOA)));
        clock.advance(Duration.ofSeconds(100));
        assertNull(capped.get(Q));
        cache.put(Q, reply(Rcode.SERVFAIL, List.of(), List.of(SOA)));
        assertNull(cache.get(Q));
    }

    @Test
    void dropsTheLeastRecentlyUsed() {
        DnsCache cache = new DnsCache(new TestClock(), 2, 10800);
        for (String n : List.of("a.", "b.", "c.")) {
            Question q = Question.of(Name.parse(n), RRType.A);
            cache.put(q, new Message(1, Message.QR, Rcode.NXDOMAIN, List.of(q), List.of(), List.of(SOA), List.of(), null));
        }
        assertEquals(2, cache.size());
        assertNull(cache.get(Question.of(Name.parse("a."), RRType.A)));
    }
}
