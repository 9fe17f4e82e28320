package dev.torsion.dns.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileParserTest {
    private static final Name ORIGIN = Name.parse("example.test.");
    private static final String SOA = "@ 3600 IN SOA ns hostmaster 1 2 3 4 5\n";

    private static Zone parse(String text) throws ZoneFileException {
        return ZoneFileParser.parse(SOA + text, ORIGIN, DnsLimits.DEFAULTS);
    }

    private static List<String> lines(Zone zone) {
        return zone.records().stream().skip(1).map(ResourceRecord::toString).toList();
    }

    @Test
    void relativeNamesAtOriginAndBlankOwners() throws Exception {
        assertThrows(ZoneFileException.class, () -> parse("abs.other.test. 60 CNAME www\n"), "outside the zone");
        Zone ok = parse("www 60 A 192.0.2.1\n     60 AAAA 2001:db8::1\n@ 60 MX 1 www\n");
        assertEquals(List.of("example.test. 60 IN MX 1 www.example.test.", "www.example.test. 60 IN A 192.0.2.1",
                "www.example.test. 60 IN AAAA 2001:db8::1"), lines(ok));
    }

    @Test
    void ttlAndClassInEitherOrderWithUnitsAndDefaults() throws Exception {
        Zone zone = parse("a IN 1h30m A 192.0.2.1\nb 2d IN A 192.0.2.2\n$TTL 1w\nc A 192.0.2.3\n");
        assertEquals(List.of("a.example.test. 5400 IN A 192.0.2.1", "b.example.test. 172800 IN A 192.0.2.2",
                "c.example.test. 604800 IN A 192.0.2.3"), lines(zone));
        Zone inherited = parse("a 77 A 192.0.2.1\nb A 192.0.2.2\n");
        assertEquals(77, inherited.rrset(Name.parse("b.example.test."), RRType.A).get(0).ttl());
    }

    @Test
    void parenthesesQuotesEscapesAndComments() throws Exception {
        Zone zone = parse("t TXT ( \"a b\" ; a comment (with a paren\n  \"c;d\" \"e\\\"f\" ) ; more\n"
                + "sp\\032ace A 192.0.2.9\n");
        assertEquals(List.of("sp\\032ace.example.test. 3600 IN A 192.0.2.9",
                "t.example.test. 3600 IN TXT \"a b\" \"c;d\" \"e\\\"f\""), lines(zone));
    }

    @Test
    void originChangesAndIncludeWithItsOwnOrigin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("inc.zone"), "x A 192.0.2.10\n");
        Files.writeString(dir.resolve("main.zone"), "$ORIGIN example.test.\n$TTL 60\n" + SOA
                + "$INCLUDE inc.zone sub.example.test.\ny A 192.0.2.11\n$ORIGIN deep\nz A 192.0.2.12\n");
        Zone zone = ZoneFileParser.load(dir.resolve("main.zone"), null, DnsLimits.DEFAULTS);
        assertEquals(ORIGIN, zone.origin());
        assertEquals(List.of("x.sub.example.test. 60 IN A 192.0.2.10", "y.example.test. 60 IN A 192.0.2.11",
                "z.deep.example.test. 60 IN A 192.0.2.12"), lines(zone).stream().sorted().toList());
    }

    @Test
    void includeLoopsStopAtTheDepthLimit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("loop.zone"), "$ORIGIN example.test.\n$TTL 60\n$INCLUDE loop.zone\n");
        ZoneFileException e = assertThrows(ZoneFileException.class,
                () -> ZoneFileParser.load(dir.resolve("loop.zone"), null, DnsLimits.DEFAULTS));
        assertTrue(e.getMessage().contains("deeper than 8"), e.getMessage());
    }

    @Test
    void errorsNameTheLine() {
        assertLine(2, "www A 999.0.0.1\n");
        assertLine(2, "www MX mail\n");
        assertLine(2, "www A 192.0.2.1 extra\n");
        assertLine(2, "www TXT ( \"never closed\"\n");
        assertLine(2, "www BOGUS 1\n");
        assertLine(2, "$GENERATE 1-10 h$ A 192.0.2.$\n");
        assertLine(2, "www 9999999999 A 192.0.2.1\n");
        assertLine(2, "www CH A 192.0.2.1\n");
        assertLine(2, ("a".repeat(64)) + " A 192.0.2.1\n");
    }

    private static void assertLine(int line, String text) {
        ZoneFileException e = assertThrows(ZoneFileException.class, () -> parse(text), text);
        assertTrue(e.getMessage().startsWith("<zone>:" + line + ":"), e.getMessage());
    }

    @Test
    void aZoneNeedsOneSoaAndNoCnameBesideOtherData() {
        assertThrows(ZoneFileException.class, () -> ZoneFileParser.parse("www 60 A 192.0.2.1\n", ORIGIN, DnsLimits.DEFAULTS));
        assertThrows(ZoneFileException.class, () -> parse("www CNAME x\nwww A 192.0.2.1\n"));
    }

    @Test
    void duplicatesMergeAndASetSharesItsFirstTtl() throws Exception {
        Zone zone = parse("a 60 A 192.0.2.1\na 60 A 192.0.2.1\na 90 A 192.0.2.2\n");
        assertEquals(List.of("a.example.test. 60 IN A 192.0.2.1", "a.example.test. 60 IN A 192.0.2.2"), lines(zone));
    }
}
