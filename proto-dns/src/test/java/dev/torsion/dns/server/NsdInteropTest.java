package dev.torsion.dns.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.support.TestZone;
import dev.torsion.dns.zone.Zone;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** NSD (nsd) serving the test zone: our secondary transfers it whole, our resolver asks it. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class NsdInteropTest {
    @TempDir
    static Path dir;
    private static Process nsd;
    private static int port;
    private static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/sbin/nsd");
        port = FreePorts.tcpAndUdp();
        Path zones = Files.createDirectory(dir.resolve("zones"));
        Files.copy(TestZone.file(), zones.resolve("example.org.zone"));
        Files.copy(TestZone.file().resolveSibling("included.inc"), zones.resolve("included.inc"));
        Files.write(dir.resolve("nsd.conf"), List.of("server:", "  ip-address: 127.0.0.1@" + port, "  server-count: 1",
                "  username: \"\"", "  chroot: \"\"", "  zonesdir: \"" + zones + "\"", "  database: \"\"",
                "  zonelistfile: \"" + dir.resolve("zone.list") + "\"", "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"", "  logfile: \"" + dir.resolve("nsd.log") + "\"",
                "remote-control:", "  control-enable: no",
                "zone:", "  name: example.org", "  zonefile: example.org.zone", "  provide-xfr: 127.0.0.1 NOKEY"));
        nsd = new ProcessBuilder("/usr/sbin/nsd", "-d", "-c", dir.resolve("nsd.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nsd.out").toFile()).start();
        live = new LiveReactor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Resolver probe = resolver();
        while (true) {
            try {
                live.await(() -> probe.getHostByName("web.example.org"));
                return;
            } catch (Exception notYet) {
                assertTrue(nsd.isAlive(), "nsd exited: " + Files.readString(dir.resolve("nsd.out")));
                assertTrue(System.nanoTime() < deadline, "nsd did not answer: " + Files.readString(dir.resolve("nsd.out")));
            }
        }
    }

    private static Resolver resolver() {
        return new Resolver(new DnsClient(live.reactor, List.of(new NameServer("127.0.0.1", port)),
                DnsLimits.DEFAULTS.withQueryTimeout(Duration.ofMillis(500), 1)), null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (nsd != null) {
            nsd.destroy();
            assertTrue(nsd.waitFor(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void ourSecondaryTransfersTheWholeZoneFromNsd() throws Exception {
        SecondaryZone secondary = new SecondaryZone(live.reactor, live.reactor, TestZone.ORIGIN,
                new NameServer("127.0.0.1", port), DnsLimits.DEFAULTS);
        assertTrue(live.await(secondary::start));
        Zone ours = TestZone.load();
        assertEquals(new HashSet<>(ours.records()), new HashSet<>(secondary.authority().zone().records()));
        live.call(() -> {
            secondary.stop();
            return null;
        });
    }

    @Test
    void ourResolverAsksNsd() throws Exception {
        Resolver r = resolver();
        assertEquals("192.0.2.80", live.await(() -> r.getHostByName("alias1.example.org")));
        assertEquals(2, live.await(() -> r.lookupMailExchange("example.org")).answers().size());
        assertEquals(40, live.await(() -> r.lookupText("big.example.org")).answers().size());
    }
}
