package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.dns.support.TestZone;
import dev.torsion.dns.zone.Zone;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knot DNS (knotd) both ways: as the primary of the test zone, which our secondary transfers to
 * the same record set; and as a secondary of our server, which transfers {@code mirror.test} by
 * AXFR from us and then answers kdig with our records.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class KnotInteropTest {
    private static final Name MIRROR = Name.parse("mirror.test.");
    private static final String MIRROR_ZONE = "$TTL 300\n@ SOA ns hostmaster 7 60 10 100 30\n@ NS ns\nns A 127.0.0.1\n"
            + "www A 192.0.2.1\nwww AAAA 2001:db8::1\n@ MX 10 mail\nmail A 192.0.2.25\n_sip._tcp SRV 1 2 5060 www\n"
            + "t TXT \"hello knot\" \"two\"\nsvc HTTPS 1 . alpn=h2\n";
    @TempDir
    static Path dir;
    private static Process knot;
    private static int knotPort;
    private static LiveDnsServer ours;

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/sbin/knotd");
        Zone mirror = ZoneFileParser.parse(MIRROR_ZONE, MIRROR, DnsLimits.DEFAULTS);
        ours = new LiveDnsServer(new DnsServer(List.of(new ZoneAuthority(mirror, DnsLimits.DEFAULTS)), null,
                DnsLimits.DEFAULTS, peer -> true));
        knotPort = FreePorts.tcpAndUdp();
        Path zones = Files.createDirectory(dir.resolve("zones"));
        Files.copy(TestZone.file(), zones.resolve("example.org.zone"));
        Files.copy(TestZone.file().resolveSibling("included.inc"), zones.resolve("included.inc"));
        Files.write(dir.resolve("knot.conf"), List.of(
                "server:", "  rundir: \"" + dir + "\"", "  listen: 127.0.0.1@" + knotPort,
                "database:", "  storage: \"" + dir.resolve("db") + "\"",
                "log:", "  - target: stderr", "    any: info",
                "remote:", "  - id: torsion", "    address: 127.0.0.1@" + ours.port,
                "acl:", "  - id: xfr", "    address: 127.0.0.1", "    action: transfer",
                "  - id: notify", "    address: 127.0.0.1", "    action: notify",
                "template:", "  - id: default", "    storage: \"" + zones + "\"", "    zonefile-sync: -1",
                "    journal-content: none",
                "zone:", "  - domain: example.org", "    file: example.org.zone", "    acl: xfr",
                "  - domain: mirror.test", "    master: torsion", "    acl: notify", "    file: mirror.test.zone"));
        knot = new ProcessBuilder("/usr/sbin/knotd", "-c", dir.resolve("knot.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("knot.out").toFile()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (knot != null) {
            knot.destroy();
            assertTrue(knot.waitFor(15, TimeUnit.SECONDS));
        }
        if (ours != null) {
            ours.close();
        }
    }

    /** kdig against Knot until it answers {@code name} with {@code expected} (Knot loads and transfers in the background). */
    private static String kdigUntil(String name, String type, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            // Not Programs.run: kdig fails (exit 1) while knotd is still starting, which is not yet an error.
            Process kdig = new ProcessBuilder("/usr/bin/kdig", "@127.0.0.1", "-p", String.valueOf(knotPort), "+short",
                    "+retry=0", "+time=1", name, type).redirectErrorStream(true).start();
            String out = new String(kdig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(kdig.waitFor(30, TimeUnit.SECONDS));
            if (out.contains(expected)) {
                return out;
            }
            assertTrue(knot.isAlive(), "knotd exited: " + Files.readString(dir.resolve("knot.out")));
            assertTrue(System.nanoTime() < deadline, "knotd never answered " + name + ": " + out + "\n"
                    + Files.readString(dir.resolve("knot.out")));
        }
    }

    @Test
    void ourSecondaryTransfersTheWholeZoneFromKnot() throws Exception {
        kdigUntil("web.example.org", "A", "192.0.2.80");
        SecondaryZone secondary = new SecondaryZone(ours.live.reactor, ours.live.reactor, TestZone.ORIGIN,
                new NameServer("127.0.0.1", knotPort), DnsLimits.DEFAULTS);
        assertTrue(ours.live.await(secondary::start));
        assertEquals(new HashSet<>(TestZone.load().records()), new HashSet<>(secondary.authority().zone().records()));
        ours.live.call(() -> {
            secondary.stop();
            return null;
        });
    }

    @Test
    void knotAsOurSecondaryServesWhatItTransferredFromUs() throws Exception {
        assertEquals("192.0.2.1\n", kdigUntil("www.mirror.test", "A", "192.0.2.1"));
        assertEquals("2001:db8::1\n", kdigUntil("www.mirror.test", "AAAA", "2001:db8"));
        assertEquals("1 2 5060 www.mirror.test.\n", kdigUntil("_sip._tcp.mirror.test", "SRV", "5060"));
        assertEquals("\"hello knot\" \"two\"\n", kdigUntil("t.mirror.test", "TXT", "hello"));
        assertTrue(kdigUntil("svc.mirror.test", "HTTPS", "alpn").contains("1 . alpn=h2"));
    }
}
