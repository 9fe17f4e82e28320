package dev.torsion.dns.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.dns.DnsLimits;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our client against ldns-testns (ldnsutils) serving canned answers (src/test/resources/ldns):
 * a TC reply over UDP whose answer only TCP gives, and a reply with the wrong ID that must be
 * ignored until the lookup times out.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class LdnsTestnsInteropTest {
    private static Process testns;
    private static LiveReactor live;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/bin/ldns-testns");
        port = FreePorts.tcpAndUdp();
        Path data = Path.of(LdnsTestnsInteropTest.class.getResource("/ldns/canned.data").toURI());
        testns = new ProcessBuilder("/usr/bin/ldns-testns", "-p", String.valueOf(port), data.toString())
                .redirectErrorStream(true).start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(testns.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("Listening on port")) {
                        listening.countDown();
                    }
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "ldns-testns output");
        reader.setDaemon(true);
        reader.start();
        assertTrue(listening.await(20, TimeUnit.SECONDS), "ldns-testns did not start");
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (testns != null) {
            testns.destroy();
            assertTrue(testns.waitFor(10, TimeUnit.SECONDS));
        }
    }

    private static Resolver resolver() {
        return new Resolver(new DnsClient(live.reactor, List.of(new NameServer("127.0.0.1", port)),
                // Seeded: ldns-testns answers the spoof entry with ID 0, which these IDs never are.
                DnsLimits.DEFAULTS.withQueryTimeout(Duration.ofMillis(500), 1), new Random(42)), null, null);
    }

    @Test
    void cannedAnswers() throws Exception {
        Resolver r = resolver();
        assertEquals("192.0.2.77", live.await(() -> r.getHostByName("www.canned.test")));
        assertEquals("\"only over tcp\"", live.await(() -> r.lookupText("big.canned.test")).answers().get(0).data().toString());
    }

    @Test
    void aReplyWithTheWrongIdIsIgnored() {
        Resolver r = resolver();
        DnsLookupError e = assertThrows(DnsLookupError.class, () -> live.await(() -> r.lookupAddress("spoof.canned.test")));
        assertEquals(DnsLookupError.TIMEOUT, e.rcode());
    }
}
