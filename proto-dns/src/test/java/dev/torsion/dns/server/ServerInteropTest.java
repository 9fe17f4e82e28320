package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.codec.RRType;
import dev.torsion.dns.codec.ResourceRecord;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.dns.support.TestZone;
import dev.torsion.dns.zone.Zone;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.netty.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zone file and the server against real programs: named-checkzone (bind9-utils) reads the
 * test zone as we do; dig (bind9-dnsutils) and kdig (knot-dnsutils) query every record over UDP
 * and TCP, with and without EDNS, and transfer the zone; dnspython decodes every reply.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ServerInteropTest {
    private static Zone zone;
    private static LiveDnsServer server;

    @BeforeAll
    static void start() throws Exception {
        zone = TestZone.load();
        server = new LiveDnsServer(new DnsServer(List.of(new ZoneAuthority(zone, DnsLimits.DEFAULTS)), null,
                DnsLimits.DEFAULTS, peer -> true).setCookies(new ServerCookies()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Set<ResourceRecord> parseRecords(String text) throws Exception {
        // dig and named-checkzone print absolute names: parse their lines as a zone file with its own SOA.
        List<ResourceRecord> out = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith(";")) {
                lines.append(line).append('\n');
            }
        }
        Zone parsed = ZoneFileParser.parse(lines + zone.soa().toString() + "\n", TestZone.ORIGIN,
                DnsLimits.DEFAULTS);
        out.addAll(parsed.records());
        return new LinkedHashSet<>(out);
    }

    @Test
    void namedCheckzoneReadsTheSameRecordSet(@TempDir Path dir) throws Exception {
        Path file = TestZone.file();
        // BIND reads $INCLUDE relative to its working directory; we read it relative to the including file.
        String canonical = Programs.run(List.of("/usr/bin/named-checkzone", "-k", "ignore", "-D", "-o", "-",
                "example.org", file.getFileName().toString()), "", file.getParent());
        String records = canonical.lines().filter(l -> !l.startsWith("zone ") && !l.equals("OK"))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("canonical.zone"), records);
        Zone theirs = ZoneFileParser.load(dir.resolve("canonical.zone"), TestZone.ORIGIN, DnsLimits.DEFAULTS);
        assertEquals(new HashSet<>(zone.records()), new HashSet<>(theirs.records()));
        assertEquals(zone.size(), theirs.size());
    }

    @Test
    void digGetsEveryRecordOverUdpAndTcp(@TempDir Path dir) throws Exception {
        Set<String> questions = new LinkedHashSet<>();
        for (ResourceRecord r : zone.records()) {
            questions.add(r.name() + " " + RRType.toString(r.type()));
        }
        Files.write(dir.resolve("batch"), questions.stream()
                .filter(q -> !q.startsWith("host.sub") && !q.startsWith("sub.") && !q.startsWith("ns.sub"))
                .filter(q -> !q.startsWith("big."))
                .toList());
        for (String transport : List.of("+notcp", "+tcp")) {
            String out = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(server.port), transport,
                    "+norec", "+noall", "+answer", "-f", dir.resolve("batch").toString()));
            Set<ResourceRecord> got = parseRecords(out);
            Set<ResourceRecord> expected = new HashSet<>(zone.records());
            expected.removeIf(r -> r.name().isSubdomainOf(Name.parse("sub.example.org.")) || r.name().equals(Name.parse("big.example.org.")));
            got.removeIf(r -> r.type() == RRType.SOA && !out.contains("\tSOA"));
            assertEquals(expected, got, transport);
        }
    }

    @Test
    void kdigWithEdnsOverTcpAndUdp() throws Exception {
        String udp = Programs.run(List.of("/usr/bin/kdig", "@127.0.0.1", "-p", String.valueOf(server.port), "+edns=0",
                "+bufsize=1232", "svc.example.org", "SVCB"));
        assertTrue(udp.contains("status: NOERROR"), udp);
        assertTrue(udp.contains("Flags: qr aa rd;"), udp);
        assertTrue(udp.contains("Version: 0; flags: ; UDP size: 1232 B"), udp);
        assertTrue(udp.contains("alpn=h2,h3 port=8443 ipv4hint=192.0.2.7 ipv6hint=2001:db8::7"), udp);
        String tcp = Programs.run(List.of("/usr/bin/kdig", "@127.0.0.1", "-p", String.valueOf(server.port), "+tcp",
                "nope.example.org", "A"));
        assertTrue(tcp.contains("status: NXDOMAIN"), tcp);
        assertTrue(tcp.contains("example.org.        \t300\tIN\tSOA") || tcp.matches("(?s).*example\\.org\\.\\s+300\\s+IN\\s+SOA.*"), tcp);
    }

    @Test
    void digSeesItsCookieEchoedWithOurServerCookie() throws Exception {
        String out = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(server.port), "+cookie",
                "web.example.org", "A"));
        assertTrue(out.matches("(?s).*; COOKIE: [0-9a-f]{16}01000000[0-9a-f]{24} \\(good\\).*"), out);
    }

    @Test
    void drillOverUdpAndTcp() throws Exception {
        String port = String.valueOf(server.port);
        String udp = Programs.run(List.of("/usr/bin/drill", "-p", port, "_sip._tcp.example.org", "SRV", "@127.0.0.1"));
        assertTrue(udp.contains("rcode: NOERROR") && udp.contains("flags: qr aa"), udp);
        assertTrue(udp.matches("(?s).*_sip\\._tcp\\.example\\.org\\.\\s+3600\\s+IN\\s+SRV\\s+10 60 5060 sip\\.example\\.org\\..*"), udp);
        String tcp = Programs.run(List.of("/usr/bin/drill", "-t", "-p", port, "naptr.example.org", "NAPTR", "@127.0.0.1"));
        assertTrue(tcp.contains("100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.org."), tcp);
    }

    @Test
    void truncatedOverUdpThenWholeOverTcp() throws Exception {
        String port = String.valueOf(server.port);
        String cut = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", port, "+norec", "+ignore", "+bufsize=512",
                "big.example.org", "TXT"));
        assertTrue(cut.contains("flags: qr aa tc"), cut);
        String whole = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", port, "+norec", "+bufsize=512",
                "+noall", "+answer", "big.example.org", "TXT"));
        assertEquals(40, whole.lines().filter(l -> l.contains("TXT")).count(), whole);
    }

    @Test
    void axfrGivesTheWholeZone() throws Exception {
        String out = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(server.port),
                "+noall", "+answer", "example.org", "AXFR"));
        assertEquals(2, out.lines().filter(l -> l.contains("\tSOA\t")).count(), out);
        assertEquals(new HashSet<>(zone.records()), parseRecords(out));
        String kdig = Programs.run(List.of("/usr/bin/kdig", "@127.0.0.1", "-p", String.valueOf(server.port),
                "example.org", "AXFR"));
        assertTrue(kdig.contains(";; Received") && !kdig.contains("failed"), kdig);
        // IXFR without history: the whole zone over TCP (RFC 1995 section 4), the SOA alone over UDP (section 2).
        String ixfr = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(server.port),
                "+noall", "+answer", "example.org", "IXFR=1"));
        assertEquals(new HashSet<>(zone.records()), parseRecords(ixfr));
        String ixfrUdp = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(server.port), "+notcp",
                "+noall", "+answer", "example.org", "IXFR=1"));
        assertEquals(1, ixfrUdp.lines().filter(l -> l.contains("\tSOA\t")).count(), ixfrUdp);
    }

    @Test
    void dnspythonDecodesEveryReply(@TempDir Path dir) throws Exception {
        Set<String> questions = new LinkedHashSet<>();
        for (ResourceRecord r : zone.records()) {
            questions.add(r.name() + " " + RRType.toString(r.type()));
        }
        questions.addAll(List.of("nope.example.org. A", "x.wild.example.org. TXT", "host.sub.example.org. A",
                "alias1.example.org. A", "example.org. ANY", "web.example.org. MX", "big.example.org. TXT"));
        Path script = dir.resolve("check.py");
        Files.writeString(script, String.join("\n",
                "import sys, dns.message, dns.query, dns.rdatatype",
                "port = int(sys.argv[1])",
                "count = 0",
                "for line in open(sys.argv[2]):",
                "    name, rdtype = line.split()",
                "    for use_edns in (-1, 0):",
                "        q = dns.message.make_query(name, rdtype, use_edns=use_edns)",
                "        r = dns.query.udp(q, '127.0.0.1', port=port, timeout=5)",
                "        assert r.id == q.id, (name, rdtype)",
                "        r = dns.query.tcp(q, '127.0.0.1', port=port, timeout=5)",
                "        assert r.id == q.id and not r.flags & dns.flags.TC, (name, rdtype)",
                "        count += 2",
                "xfr = dns.message.make_query('example.org', 'AXFR')",
                "n = sum(len(rrset) for m in dns.query.xfr('127.0.0.1', 'example.org', port=port) for rrset in m.answer)",
                "print('decoded', count, 'replies and', n, 'transferred records')",
                ""));
        Files.write(dir.resolve("questions"), questions);
        String out = Programs.run(List.of("/usr/bin/python3", script.toString(), String.valueOf(server.port),
                dir.resolve("questions").toString()));
        assertTrue(out.contains("decoded " + questions.size() * 4 + " replies and " + (zone.size() + 1) + " transferred"), out);
    }
}
