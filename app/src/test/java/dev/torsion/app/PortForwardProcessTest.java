package dev.torsion.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code torsion portforward} as a separate process, carrying 100 MiB each way through it. */
class PortForwardProcessTest {
    private static final long SIZE = 100L * 1024 * 1024;

    @TempDir
    Path directory;

    /** Writes {@code size} bytes of a seeded pseudo-random stream and returns their SHA-256. */
    private static byte[] send(OutputStream out, long size, long seed) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        for (long sent = 0; sent < size; sent += chunk.length) {
            random.nextBytes(chunk);
            int length = (int) Math.min(chunk.length, size - sent);
            out.write(chunk, 0, length);
            digest.update(chunk, 0, length);
        }
        out.flush();
        return digest.digest();
    }

    /** Reads to the end of the stream; returns the SHA-256 and the byte count. */
    private static Object[] receive(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            digest.update(buffer, 0, n);
            total += n;
        }
        return new Object[] {digest.digest(), total};
    }

    /** Reads exactly {@code size} bytes; returns their SHA-256. */
    private static byte[] receiveExactly(InputStream in, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < size) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - total));
            if (n == -1) {
                throw new IOException("the stream ended after " + total + " of " + size + " bytes");
            }
            digest.update(buffer, 0, n);
            total += n;
        }
        return digest.digest();
    }

    /**
     * 100 MiB up, then 100 MiB down, through the forwarder on the default event loop; the
     * destination knows the size, and its close ends the exchange.
     */
    @Test
    void carries100MiBEachWayIntact() throws Exception {
        int forwardPort = FreePorts.tcp();
        try (ServerSocket destination = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TorsionProcess torsion = TorsionProcess.start(directory, "portforward",
                        "--port", "tcp:" + forwardPort + ":interface=127.0.0.1",
                        "--host", "127.0.0.1", "--dest_port", Integer.toString(destination.getLocalPort()))) {
            torsion.awaitOutput("torsion portforward started");
            CompletableFuture<byte[][]> peer = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = destination.accept()) {
                    byte[] uploaded = receiveExactly(socket.getInputStream(), SIZE);
                    byte[] answered = send(socket.getOutputStream(), SIZE, 2);
                    return new byte[][] {uploaded, answered};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", forwardPort), 5000);
                client.setSoTimeout(60_000);
                byte[] sent = send(client.getOutputStream(), SIZE, 1);
                Object[] answer = receive(client.getInputStream());
                byte[][] atDestination = peer.get(60, TimeUnit.SECONDS);
                assertArrayEquals(sent, atDestination[0], "the upload arrived changed");
                assertEquals(SIZE, (long) (Long) answer[1]);
                assertArrayEquals(atDestination[1], (byte[]) answer[0], "the answer arrived changed");
            }
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    /**
     * 100 MiB up and a half-close, then 100 MiB down: the destination only answers once the
     * client's half-close has come through. On the default event loop (epoll on Linux), where the
     * half-close often reaches the forwarder while its reading from the client is paused by flow control.
     */
    @Test
    void carries100MiBEachWayIntactWithHalfClose() throws Exception {
        int forwardPort = FreePorts.tcp();
        try (ServerSocket destination = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                TorsionProcess torsion = TorsionProcess.start(directory, "portforward",
                        "--port", "tcp:" + forwardPort + ":interface=127.0.0.1",
                        "--host", "127.0.0.1", "--dest_port", Integer.toString(destination.getLocalPort()))) {
            torsion.awaitOutput("torsion portforward started");

            // The destination reads the whole upload (until the half-close comes through), then answers.
            CompletableFuture<Object[]> upload = CompletableFuture.supplyAsync(() -> {
                try (Socket peer = destination.accept()) {
                    Object[] received = receive(peer.getInputStream());
                    byte[] answerDigest = send(peer.getOutputStream(), SIZE, 2);
                    return new Object[] {received[0], received[1], answerDigest};
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", forwardPort), 5000);
                client.setSoTimeout(60_000);
                byte[] sentDigest = send(client.getOutputStream(), SIZE, 1);
                client.shutdownOutput();
                Object[] answer = receive(client.getInputStream());

                Object[] atDestination = upload.get(60, TimeUnit.SECONDS);
                assertEquals(SIZE, (long) (Long) atDestination[1]);
                assertArrayEquals(sentDigest, (byte[]) atDestination[0], "the upload arrived changed");
                assertEquals(SIZE, (long) (Long) answer[1]);
                assertArrayEquals((byte[]) atDestination[2], (byte[]) answer[0], "the answer arrived changed");
            }
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    @Test
    void anUnreachableDestinationClosesTheConnection() throws Exception {
        int forwardPort = FreePorts.tcp();
        int closedPort = FreePorts.tcp();
        try (TorsionProcess torsion = TorsionProcess.start(directory, "portforward",
                "--port", Integer.toString(forwardPort), "--host", "127.0.0.1", "--dest_port", Integer.toString(closedPort))) {
            torsion.awaitOutput("torsion portforward started");
            try (Socket client = new Socket()) {
                client.connect(new InetSocketAddress("127.0.0.1", forwardPort), 5000);
                client.setSoTimeout(30_000);
                assertEquals(-1, client.getInputStream().read());
            }
            torsion.awaitOutput("cannot forward .* to 127\\.0\\.0\\.1:" + closedPort);
            torsion.terminate();
            assertEquals(0, torsion.awaitExit(), torsion.transcript());
        }
    }

    @Test
    void manyConnectionsAtOnceStaySeparate() throws Exception {
        int forwardPort = FreePorts.tcp();
        int echoPort = FreePorts.tcp();
        try (TorsionProcess echo = TorsionProcess.start(directory, "echo", "--listen", "tcp:" + echoPort + ":interface=127.0.0.1");
                TorsionProcess forward = TorsionProcess.start(directory, "portforward",
                        "--port", "tcp:" + forwardPort + ":interface=127.0.0.1",
                        "--host", "127.0.0.1", "--dest_port", Integer.toString(echoPort))) {
            echo.awaitOutput("torsion echo started");
            forward.awaitOutput("torsion portforward started");
            CompletableFuture<?>[] clients = new CompletableFuture<?>[20];
            for (int i = 0; i < clients.length; i++) {
                byte[] message = new byte[100_000 + i];
                new Random(i).nextBytes(message);
                clients[i] = CompletableFuture.runAsync(() -> {
                    try {
                        assertArrayEquals(message, TorsionProcess.echoRoundTrip(forwardPort, message));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            CompletableFuture.allOf(clients).get(60, TimeUnit.SECONDS);
            assertTrue(forward.process().isAlive());
        }
    }
}
