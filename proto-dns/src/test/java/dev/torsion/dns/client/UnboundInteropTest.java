package dev.torsion.dns.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.support.LiveDnsServer;
import dev.torsion.internet.Reactor;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our resolver against Unbound (serving local data on loopback), over UDP and, for a set too large
 * for 512 octets, TCP; and our server as a caching forwarder in front of it, asked by dig.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class UnboundInteropTest {
    @TempDir
    static Path dir;
    private static Process unbound;
    private static int port;
    private static LiveReactor live;
    private static LiveDnsServer forwarder;

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/sbin/unbound");
        port = FreePorts.tcpAndUdp();
        List<String> conf = new ArrayList<>(List.of("server:", "  interface: 127.0.0.1", "  port: " + port,
                "  do-daemonize: no", "  use-syslog: no", "  logfile: \"\"", "  chroot: \"\"", "  username: \"\"",
                "  directory: \"" + dir + "\"", "  pidfile: \"\"", "  do-ip6: no", "  access-control: 127.0.0.0/8 allow",
                "  local-zone: \"interop.test.\" static",
                "  local-data: \"interop.test. 300 IN SOA ns.interop.test. h.interop.test. 1 2 3 4 60\"",
                "  local-data: \"www.interop.test. 300 IN A 192.0.2.10\"",
                "  local-data: \"www.interop.test. 300 IN AAAA 2001:db8::10\"",
                "  local-data: \"interop.test. 300 IN MX 5 mx.interop.test.\"",
                "  local-data: '_imap._tcp.interop.test. 300 IN SRV 0 1 143 mx.interop.test.'",
                "  local-data: 'interop.test. 300 IN TXT \"hello unbound\"'"));
        for (int i = 0; i < 40; i++) {
            conf.add("  local-data: 'big.interop.test. 300 IN TXT \"record " + i + " of a set too large for 512 octets\"'");
        }
        conf.addAll(List.of("remote-control:", "  control-enable: no"));
        Files.write(dir.resolve("unbound.conf"), conf);
        unbound = new ProcessBuilder("/usr/sbin/unbound", "-d", "-c", dir.resolve("unbound.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("unbound.log").toFile()).start();
        waitForUnbound();
        live = new LiveReactor();
        forwarder = new LiveDnsServer(live, new DnsServer(List.of(), resolver(DnsLimits.DEFAULTS, true), DnsLimits.DEFAULTS,
                peer -> false));
    }

    private static void waitForUnbound() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Process dig = new ProcessBuilder("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(port), "+tries=1", "+time=1",
                    "+short", "www.interop.test", "A").redirectErrorStream(true).start();
            String out = new String(dig.getInputStream().readAllBytes());
            if (dig.waitFor() == 0 && out.contains("192.0.2.10")) {
                return;
            }
            assertTrue(unbound.isAlive(), "unbound exited: " + Files.readString(dir.resolve("unbound.log")));
        }
        throw new AssertionError("unbound did not answer: " + Files.readString(dir.resolve("unbound.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        if (unbound != null) {
            unbound.destroy();
            assertTrue(unbound.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private static Resolver resolver(DnsLimits limits, boolean cache) {
        return new Resolver(new DnsClient(forwarderReactor(), List.of(new NameServer("127.0.0.1", port)), limits), null,
                cache ? new DnsCache(forwarderReactor(), 1000, 3600) : null);
    }

    private static Reactor forwarderReactor() {
        return live.reactor;
    }

    @Test
    void everyLookupAgainstUnbound() throws Exception {
        Resolver r = resolver(DnsLimits.DEFAULTS, false);
        assertEquals("192.0.2.10", live.await(() -> r.getHostByName("www.interop.test")));
        assertEquals("2001:db8::10", live.await(() -> r.lookupIPV6Address("www.interop.test")).answers().get(0).data().toString());
        assertEquals("5 mx.interop.test.", live.await(() -> r.lookupMailExchange("interop.test")).answers().get(0).data().toString());
        assertEquals("0 1 143 mx.interop.test.",
                live.await(() -> r.lookupService("_imap._tcp.interop.test")).answers().get(0).data().toString());
        assertEquals("\"hello unbound\"", live.await(() -> r.lookupText("interop.test")).answers().get(0).data().toString());
        DnsLookupError e = assertThrows(DnsLookupError.class, () -> live.await(() -> r.lookupAddress("nope.interop.test")));
        assertTrue(e.isNameError());
    }

    @Test
    void truncationFallsBackToTcpAgainstUnbound() throws Exception {
        Resolver r = resolver(DnsLimits.DEFAULTS.withUdpPayloadSize(512), false);
        assertEquals(40, live.await(() -> r.lookupText("big.interop.test")).answers().size());
    }

    @Test
    void digThroughOurForwarderInFrontOfUnbound() throws Exception {
        String out = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(forwarder.port),
                "www.interop.test", "A"));
        assertTrue(out.contains("status: NOERROR") && out.contains("192.0.2.10") && out.contains(" ra"), out);
        String nx = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(forwarder.port),
                "nope.interop.test", "A"));
        assertTrue(nx.contains("status: NXDOMAIN"), nx);
        String tcp = Programs.run(List.of("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(forwarder.port), "+tcp",
                "big.interop.test", "TXT"));
        assertTrue(tcp.contains("ANSWER: 40"), tcp);
    }
}
