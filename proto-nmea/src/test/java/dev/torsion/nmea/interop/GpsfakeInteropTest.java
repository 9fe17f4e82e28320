package dev.torsion.nmea.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.position.Fix;
import dev.torsion.nmea.position.NmeaClientFactory;
import dev.torsion.nmea.support.Recorder;
import dev.torsion.nmea.support.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * gpsd's own test harness against our gpsd client: {@code gpsfake} (Debian {@code gpsd-clients},
 * with {@code gpsd} and {@code python3-gps}) starts a private gpsd on a free loopback port and
 * plays a regression log to it through a pty; our {@link NmeaClientFactory#gpsd} connects to that
 * gpsd, watches for raw NMEA, and must make of gpsd's output exactly the fixes (time, position,
 * altitude, speed, track, mode and the rest) that we make of the log read directly. gpsfake runs
 * in single-step mode ({@code -i}: one line per newline on its stdin), so nothing is fed before
 * gpsd confirmed our watch and opened the device.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class GpsfakeInteropTest {

    private static final String GPSFAKE = "/usr/bin/gpsfake";
    private static final String GPSD = "/usr/sbin/gpsd";

    private static LiveReactor live;

    @BeforeAll
    static void start() throws Exception {
        Programs.require(GPSFAKE);
        Programs.require(GPSD);
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garmin38.log", "ublox-lea-5q.log", "bu353s4.log", "ublox-zed-f9p-nmea.log"})
    void gpsdForwardsTheLogAndOurFixesAreTheSame(String name) throws Exception {
        Path log = TestData.nmea().resolve("logs").resolve(name);
        byte[] bytes = Files.readAllBytes(log);
        Recorder direct = Recorder.replay(bytes, NmeaLimits.DEFAULTS);
        int port = freePort();
        // -W 3: gpsfake ends 3 s after the log's last line, taking its gpsd with it (a SIGTERM can
        // deadlock gpsfake's own handler, so it is only ever killed, with its gpsd, on failure)
        Process gpsfake = new ProcessBuilder(GPSFAKE, "-1", "-i", "-q", "-W", "3", "-P", String.valueOf(port),
                log.toString()).redirectErrorStream(true).start();
        CompletableFuture<Void> prompting = firstPrompt(gpsfake);
        Recorder viaGpsd = new Recorder();
        NmeaClientFactory factory = NmeaClientFactory.gpsd(live.reactor, viaGpsd, NmeaLimits.DEFAULTS);
        try {
            live.call(() -> {
                factory.setInitialDelay(Duration.ofMillis(100));
                factory.setMaxDelay(Duration.ofMillis(500));
                return null;
            });
            // gpsfake prompts for its first line once its gpsd runs and has the pty as a device; a
            // watch sent before that would find no device to open
            prompting.get(60, TimeUnit.SECONDS);
            live.await(() -> {
                var watching = factory.whenWatching();
                live.reactor.connectTCP("127.0.0.1", port, factory);
                return watching;
            });
            try (OutputStream steps = gpsfake.getOutputStream()) {
                steps.write("\n".repeat(new String(bytes, StandardCharsets.ISO_8859_1).split("\n").length + 10)
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ended) {
                // gpsfake stops reading once the log is played: the extra newlines are not needed
            }
            waitFor(() -> live.call(() -> viaGpsd.messages.size()) >= direct.messages.size(), 120);
            live.call(() -> {
                factory.stopTrying();
                return null;
            });
            assertTrue(gpsfake.waitFor(60, TimeUnit.SECONDS), "gpsfake ended after its log");
        } finally {
            live.call(() -> {
                factory.stopTrying();
                return null;
            });
            if (gpsfake.isAlive()) {
                gpsfake.descendants().forEach(ProcessHandle::destroyForcibly);
                gpsfake.destroyForcibly();
                gpsfake.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(direct.messages.size(), live.call(() -> viaGpsd.messages.size()), "sentences gpsd forwarded");
        // gpsd's end closed our connection: the last cycle is flushed
        waitFor(() -> live.call(() -> viaGpsd.fixes.size()) >= direct.fixes.size(), 30);
        List<Fix> fixes = live.call(() -> List.copyOf(viaGpsd.fixes));
        assertTrue(direct.fixes.size() > 5, name + " gives " + direct.fixes.size() + " fixes");
        assertEquals(direct.fixes, fixes);
        assertEquals(List.of(), live.call(() -> List.copyOf(viaGpsd.rejections)));
    }

    /** Drains gpsfake's output; completes when it prompts for the log's first line. */
    private static CompletableFuture<Void> firstPrompt(Process gpsfake) {
        CompletableFuture<Void> prompting = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (InputStream output = gpsfake.getInputStream()) {
                for (int c = output.read(); c >= 0; c = output.read()) {
                    if (!prompting.isDone()) {
                        seen.append((char) c);
                        if (seen.indexOf("gpsfake: line 1:") >= 0) {
                            prompting.complete(null);
                        }
                    }
                }
            } catch (IOException e) {
                prompting.completeExceptionally(e);
            }
            prompting.completeExceptionally(new IllegalStateException("gpsfake ended without a prompt: " + seen));
        }, "gpsfake output");
        drain.setDaemon(true);
        drain.start();
        return prompting;
    }

    private static void waitFor(Condition condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** A condition read from the reactor thread. */
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
