package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ends the real process within its stated grace: connections that do not finish in
 * {@code --shutdown-grace} are cut and each is logged, and a wedged reactor is halted by the
 * watchdog a few seconds later, with a log of where it was stuck.
 */
class ShutdownProcessTest {
    /** Grace plus the watchdog's margin plus a JVM's start and stop on a busy machine. */
    private static final long EXIT_WITHIN_SECONDS = 1 + RunnerOptions.SHUTDOWN_MARGIN_SECONDS + 15;

    @TempDir
    Path directory;

    @Test
    void aConnectionThatCannotFinishIsCutAtTheEndOfTheGraceAndLogged() throws Exception {
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--shutdown-grace", "1s",
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1");
                Socket stalled = new Socket()) {
            torsion.awaitOutput("torsion echo started");
            assertTrue(torsion.stdout().contains("on SIGTERM, open connections get 1s to finish (--shutdown-grace)"),
                    torsion.transcript());
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            // Send without ever reading: the echoes pile up on the server, so the connection cannot close cleanly.
            torsion.floodUntilBackedUp(stalled);
            long signalled = System.nanoTime();
            torsion.terminate();
            assertTrue(torsion.process().waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS), torsion.transcript());
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            assertEquals(0, torsion.process().exitValue(), torsion.transcript());
            String log = torsion.stdout();
            assertTrue(log.matches("(?s).*shutdown grace of 1s over: cutting the connection from TCP:127\\.0\\.0\\.1:\\d+ on tcp:"
                    + port + ":interface=127\\.0\\.0\\.1.*"), log);
            assertTrue(log.contains("shutdown grace over: cut 1 connection"), log);
            assertTrue(tookMillis >= 1000, "cut before the grace was over: " + tookMillis + " ms");
        }
    }

    @Test
    void aWedgedReactorIsHaltedAfterTheGraceAndTheMarginWithWhereItWasStuck() throws Exception {
        int port = FreePorts.tcp();
        String classPath = TorsionProcess.classPathWithTestPlugins();
        try (TorsionProcess torsion = TorsionProcess.start(directory, List.of(), classPath, "--shutdown-grace", "1s",
                "wedge", "--listen", "tcp:" + port + ":interface=127.0.0.1");
                Socket client = new Socket()) {
            torsion.awaitOutput("torsion wedge started");
            client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            OutputStream out = client.getOutputStream();
            out.write('x');
            out.flush();
            // The reactor now never returns; SIGTERM alone could not stop it before the watchdog.
            torsion.terminate();
            assertTrue(torsion.process().waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS),
                    "SIGTERM did not end a process with a wedged reactor\n" + torsion.transcript());
            assertEquals(1, torsion.process().exitValue(), torsion.transcript());
            String log = torsion.stdout();
            assertTrue(log.contains("1 of 1 reactor still running 6s after the stop signal: halting the process"), log);
            assertTrue(log.matches("(?s).*reactor thread torsion-reactor-\\S+ \\(\\w+\\) was busy in:.*WedgePlugin.*"), log);
            assertTrue(torsion.stderr().contains("did not stop within --shutdown-grace 1s plus 5 s: halted"), torsion.transcript());
        }
    }
}
