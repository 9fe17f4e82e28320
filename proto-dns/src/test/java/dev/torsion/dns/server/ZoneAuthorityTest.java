package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.Question;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.Rcode;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.support.TestZone;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZoneAuthorityTest {
    private static ZoneAuthority zone;

    @BeforeAll
    static void load() throws Exception {
        zone = new ZoneAuthority(TestZone.load(), DnsLimits.DEFAULTS);
    }

    private static Answer ask(String name, int type) {
        return zone.answer(Question.of(Name.parse(name), type));
    }

    private static List<String> texts(List<ResourceRecord> records) {
        return records.stream().map(ResourceRecord::toString).toList();
    }

    @Test
    void answersWithTheAaBitAndTheOwnerAsAsked() {
        Answer a = ask("MIXED.case.example.org.", RRType.A);
        assertTrue(a.authoritative());
        assertEquals(List.of("MIXED.case.example.org. 3600 IN A 192.0.2.99"), texts(a.answers()));
        assertTrue(a.answers().get(0).name().equalsExactly(Name.parse("MIXED.case.example.org.")));
    }

    @Test
    void followsCnameChainsInsideTheZone() {
        Answer a = ask("alias1.example.org.", RRType.A);
        assertEquals(List.of("alias1.example.org. 3600 IN CNAME alias2.example.org.",
                "alias2.example.org. 3600 IN CNAME www.example.org.",
                "www.example.org. 3600 IN CNAME web.example.org.",
                "web.example.org. 3600 IN A 192.0.2.80"), texts(a.answers()));
        Answer out = ask("outside.example.org.", RRType.A);
        assertEquals(1, out.answers().size(), "a target outside the zone ends the chain");
    }

    @Test
    void nxdomainAndNodataCarryTheSoaWithItsMinimumTtl() {
        Answer nx = ask("nope.example.org.", RRType.A);
        assertEquals(Rcode.NXDOMAIN, nx.rcode());
        assertEquals(1, nx.authority().size());
        assertEquals(RRType.SOA, nx.authority().get(0).type());
        assertEquals(300, nx.authority().get(0).ttl());
        Answer nodata = ask("web.example.org.", RRType.MX);
        assertEquals(Rcode.NOERROR, nodata.rcode());
        assertTrue(nodata.answers().isEmpty());
        assertEquals(RRType.SOA, nodata.authority().get(0).type());
        Answer empty = ask("empty.nonterminal.example.org.", RRType.A);
        assertEquals(Rcode.NOERROR, empty.rcode(), "an empty non-terminal exists (RFC 4592 section 2.2.2)");
    }

    @Test
    void wildcardsSynthesizeUnderTheAskedName() {
        Answer a = ask("anything.wild.example.org.", RRType.A);
        assertEquals(List.of("anything.wild.example.org. 3600 IN A 192.0.2.100"), texts(a.answers()));
        Answer deeper = ask("x.y.wild.example.org.", RRType.TXT);
        assertEquals(List.of("x.y.wild.example.org. 3600 IN TXT \"wildcard\""), texts(deeper.answers()));
        Answer nodata = ask("anything.wild.example.org.", RRType.MX);
        assertTrue(nodata.answers().isEmpty());
        assertEquals(Rcode.NOERROR, nodata.rcode());
    }

    @Test
    void refersBelowAZoneCutWithGlue() {
        Answer r = ask("host.sub.example.org.", RRType.A);
        assertFalse(r.authoritative());
        assertEquals(Rcode.NOERROR, r.rcode());
        assertTrue(r.answers().isEmpty());
        assertEquals(List.of("sub.example.org. 3600 IN NS ns.sub.example.org."), texts(r.authority()));
        assertEquals(List.of("ns.sub.example.org. 3600 IN A 192.0.2.200", "ns.sub.example.org. 3600 IN AAAA 2001:db8::200"),
                texts(r.additional()));
    }

    @Test
    void dnameSubstitutesTheSuffix() {
        Answer a = ask("www.dname.example.org.", RRType.A);
        assertEquals(List.of("dname.example.org. 3600 IN DNAME example.net.",
                "www.dname.example.org. 3600 IN CNAME www.example.net."), texts(a.answers()));
        assertEquals(Rcode.NOERROR, a.rcode());
        Answer own = ask("dname.example.org.", RRType.DNAME);
        assertEquals(List.of("dname.example.org. 3600 IN DNAME example.net."), texts(own.answers()));
    }

    @Test
    void anyGetsOneRrset() {
        Answer a = ask("mail.example.org.", RRType.ANY);
        assertEquals(1, a.answers().stream().map(ResourceRecord::type).distinct().count());
    }

    @Test
    void mxAnswersCarryTheExchangesAddresses() {
        Answer a = ask("example.org.", RRType.MX);
        assertEquals(2, a.answers().size());
        assertEquals(List.of("mail.example.org. 3600 IN A 192.0.2.25", "mail.example.org. 3600 IN AAAA 2001:db8::25"),
                texts(a.additional()));
    }
}
