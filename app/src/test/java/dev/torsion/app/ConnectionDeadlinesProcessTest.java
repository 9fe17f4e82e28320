package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --send-timeout} and {@code --close-timeout} reach every connection of the real process: a
 * client that never reads is cut and logged after the deadline asked for, long before the defaults
 * (60 s and 15 s) would have cut it.
 */
class ConnectionDeadlinesProcessTest {
    /** Well under both defaults, and time enough for a busy machine to see a 1 s deadline fire. */
    private static final long CUT_WITHIN_MILLIS = 10_000;

    @TempDir
    Path directory;

    @Test
    void aClientThatTakesNoneOfItsOutputIsCutAfterTheSendTimeout() throws Exception {
        int port = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "--send-timeout", "1s", "--close-timeout", "0",
                "echo", "--listen", "tcp:" + port + ":interface=127.0.0.1");
                Socket stalled = new Socket()) {
            torsion.awaitOutput("torsion echo started");
            assertTrue(torsion.stdout().contains("connection deadlines: send timeout 1s (--send-timeout), close timeout off (--close-timeout)"),
                    torsion.transcript());
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            torsion.floodUntilBackedUp(stalled);
            long backedUp = System.nanoTime();
            torsion.awaitOutput("Aborting the connection to .*: the peer took none of \\d+ pending bytes within the send timeout of PT1S");
            assertCutWithin(backedUp, torsion);
            assertEnded(stalled, torsion);
        }
    }

    @Test
    void aClosingConnectionWhoseClientTakesNothingIsCutAfterTheCloseTimeout() throws Exception {
        int port = FreePorts.tcp();
        String classPath = TorsionProcess.classPathWithTestPlugins();
        try (TorsionProcess torsion = TorsionProcess.start(directory, List.of(), classPath,
                "blast", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--close-timeout", "1s", "--send-timeout", "0");
                Socket stalled = new Socket()) {
            torsion.awaitOutput("torsion blast started");
            assertTrue(torsion.stdout().contains("connection deadlines: send timeout off (--send-timeout), close timeout 1s (--close-timeout)"),
                    torsion.transcript());
            stalled.setReceiveBufferSize(4096);
            // The server writes 32 MiB and closes at once; this client reads none of it.
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            long closing = System.nanoTime();
            torsion.awaitOutput("Aborting the connection to .*: the peer did not take \\d+ pending bytes within the close timeout of PT1S");
            assertCutWithin(closing, torsion);
            assertEnded(stalled, torsion);
        }
    }


    private static void assertCutWithin(long sinceNanos, TorsionProcess torsion) {
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
        assertTrue(tookMillis < CUT_WITHIN_MILLIS, "cut after " + tookMillis + " ms\n" + torsion.transcript());
    }

    /** Reading what the server had sent runs into the end (a reset, or the end of the stream after the buffered echoes). */
    private static void assertEnded(Socket socket, TorsionProcess torsion) throws Exception {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // Drain the echoes the kernel still holds.
            }
        } catch (SocketException reset) {
            assertTrue(reset.getMessage().contains("reset"), reset + "\n" + torsion.transcript());
            return;
        }
        assertEquals(-1, in.read(), torsion.transcript());
    }
}
