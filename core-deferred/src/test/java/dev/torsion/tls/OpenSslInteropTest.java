package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsProtocol} against OpenSSL ({@code openssl s_server} and {@code s_client}, Debian package
 * {@code openssl}) over a real loopback socket, driven by a blocking socket loop on the test thread.
 * Runs only with {@code -Dtorsion.interop=true} ({@code -Pinterop}); there, a missing
 * {@code openssl} is a failure.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class OpenSslInteropTest {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killPeers() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
    }

    /** A transport over a blocking socket; the test thread reads and feeds the protocol. */
    static final class SocketTransport implements HalfCloseableTransport {
        private final Socket socket;
        private final OutputStream out;
        boolean closing;

        SocketTransport(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        @Override
        public void write(byte[] data) {
            try {
                out.write(data);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void loseConnection() {
            closing = true;
        }

        @Override
        public void abortConnection() {
            closing = true;
        }

        @Override
        public void loseWriteConnection() {
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Address address(InetSocketAddress a) {
            return new IPv4Address(SocketType.TCP, a.getAddress().getHostAddress(), a.getPort());
        }

        @Override
        public Address getHost() {
            return address((InetSocketAddress) socket.getLocalSocketAddress());
        }

        @Override
        public Address getPeer() {
            return address((InetSocketAddress) socket.getRemoteSocketAddress());
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void pauseProducing() {
        }

        @Override
        public void resumeProducing() {
        }

        @Override
        public void stopProducing() {
            closing = true;
        }
    }

    static class App extends Protocol implements TlsHandshakeListener {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final String sendOnHandshake;
        final boolean answerUppercase;
        TlsProtocol tls;
        Failure lost;

        App(String sendOnHandshake, boolean answerUppercase) {
            this.sendOnHandshake = sendOnHandshake;
            this.answerUppercase = answerUppercase;
        }

        @Override
        public void handshakeCompleted(TlsProtocol completed) {
            tls = completed;
            if (sendOnHandshake != null) {
                transport().write(sendOnHandshake.getBytes(StandardCharsets.US_ASCII));
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
            String text = text();
            if (answerUppercase && text.endsWith("\n")) {
                transport().write(text.toUpperCase().getBytes(StandardCharsets.US_ASCII));
                transport().loseConnection();
            }
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }

        String text() {
            return received.toString(StandardCharsets.US_ASCII);
        }
    }

    /** Reads the socket into the protocol until {@code done}, the transport closing, EOF, or the timeout. */
    private static void runSocket(Socket socket, SocketTransport transport, Protocol protocol, BooleanSupplier done)
            throws IOException {
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16384];
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        try {
            while (!done.getAsBoolean() && !transport.closing) {
                if (System.nanoTime() > deadline) {
                    fail("timed out talking to openssl");
                }
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (read < 0) {
                    if (protocol instanceof HalfCloseableProtocol half) {
                        half.readConnectionLost(); // TLS decides whether this end was clean
                    }
                    break;
                }
                byte[] data = new byte[read];
                System.arraycopy(buffer, 0, data, 0, read);
                protocol.dataReceived(data);
            }
        } finally {
            socket.close();
            if (protocol.isConnected()) {
                protocol.notifyConnectionLost(Failure.of(new ConnectionDone("socket closed")));
            }
        }
    }

    private Path resource(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = TestCertificates.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    /** Collects a process's output lines on a thread of their own. */
    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process went away
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains(wanted)) {
                    return line;
                }
            }
        }
        return fail("openssl never printed '" + wanted + "'; it printed:\n" + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void clientAgainstOpenSslServer(String version, String expectedProtocol) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", resource("server.pem").toString(), "-key", resource("server-key.pem").toString(),
                "-rev", "-naccept", "1"));
        if (version != null) {
            command.add(version);
        }
        BlockingQueue<String> output = lines(start(command));
        awaitLine(output, "ACCEPT");

        App app = new App("hello torsion\n", false);
        TlsProtocol tls = new TlsProtocol(TestCertificates.clientOptions(), app);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            SocketTransport transport = new SocketTransport(socket);
            tls.makeConnection(transport);
            runSocket(socket, transport, tls, () -> app.text().contains("noisrot olleh"));
        }
        assertTrue(app.text().contains("noisrot olleh"), app.text());
        assertEquals(expectedProtocol, app.tls.protocolVersion());
        assertEquals("CN=localhost", ((X509Certificate) app.tls.peerCertificates().get(0))
                .getSubjectX500Principal().getName());
    }

    @Test
    void clientAgainstOpenSslServerTls13() throws Exception {
        clientAgainstOpenSslServer(null, "TLSv1.3");
    }

    @Test
    void clientAgainstOpenSslServerTls12() throws Exception {
        clientAgainstOpenSslServer("-tls1_2", "TLSv1.2");
    }

    @Test
    void openSslClientAgainstServerWithAlpn() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS));
            Process client = start(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-CAfile", resource("ca.pem").toString(), "-verify_return_error", "-verify_hostname", "localhost",
                    "-servername", "localhost", "-alpn", "h2,http/1.1", "-quiet"));
            BlockingQueue<String> output = lines(client);
            try (OutputStream stdin = client.getOutputStream()) {
                stdin.write("ping over tls\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                App app = new App(null, true);
                TlsProtocol tls = new TlsProtocol(TestCertificates.serverOptions().withApplicationProtocols("http/1.1"), app);
                try (Socket socket = listener.accept()) {
                    SocketTransport transport = new SocketTransport(socket);
                    tls.makeConnection(transport);
                    runSocket(socket, transport, tls, () -> false);
                }
                assertEquals("ping over tls\n", app.text());
                assertEquals("http/1.1", app.tls.negotiatedApplicationProtocol());
                assertNotNull(app.lost);
            }
            awaitLine(output, "PING OVER TLS");
            assertTrue(client.waitFor(20, TimeUnit.SECONDS), "s_client ends when the server closes");
        }
    }

    /** Writes {@code bye} when the handshake is done, then half-closes if told to; logs how its connection ends. */
    static final class HalfClosingApp extends App implements HalfCloseableProtocol {
        private final boolean halfClose;
        boolean readLost;

        HalfClosingApp(boolean halfClose) {
            super(null, false);
            this.halfClose = halfClose;
        }

        @Override
        public void handshakeCompleted(TlsProtocol completed) {
            super.handshakeCompleted(completed);
            transport().write("bye\n".getBytes(StandardCharsets.US_ASCII));
            if (halfClose) {
                ((HalfCloseableTransport) transport()).loseWriteConnection();
            }
        }

        @Override
        public void readConnectionLost() {
            readLost = true;
        }

        @Override
        public void writeConnectionLost() {
            // the test's socket transport does not report its shutdown
        }
    }

    /** s_client against a TlsProtocol server that half-closes; returns what s_client printed. */
    private String sClientAgainst(HalfClosingApp app, boolean killClient) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout((int) TimeUnit.NANOSECONDS.toMillis(TIMEOUT_NANOS));
            // Without -quiet: s_client then says how the connection ended ("closed" for a close_notify).
            Process client = start(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-CAfile", resource("ca.pem").toString(), "-verify_return_error", "-verify_hostname", "localhost",
                    "-servername", "localhost"));
            BlockingQueue<String> output = lines(client);
            StringBuilder printed = new StringBuilder();
            if (killClient) {
                Thread killer = new Thread(() -> {
                    try {
                        printed.append(awaitLine(output, "bye"));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    client.destroyForcibly(); // SIGKILL: the kernel closes the socket, no close_notify
                }, "s_client-killer");
                killer.start();
            }
            TlsProtocol tls = new TlsProtocol(TestCertificates.serverOptions(), app);
            try (Socket socket = listener.accept()) {
                SocketTransport transport = new SocketTransport(socket);
                tls.makeConnection(transport);
                runSocket(socket, transport, tls, () -> false);
            }
            assertTrue(client.waitFor(20, TimeUnit.SECONDS), "s_client ends once the connection has");
            String line;
            while ((line = output.poll(500, TimeUnit.MILLISECONDS)) != null) {
                printed.append(line).append('\n');
            }
            return printed.toString();
        }
    }

    @Test
    void openSslClientSeesOurCloseNotifyOnHalfCloseAndAnswersWithItsOwn() throws Exception {
        HalfClosingApp app = new HalfClosingApp(true);
        String printed = sClientAgainst(app, false);
        assertTrue(printed.lines().anyMatch(line -> line.trim().equals("closed")), printed);
        assertFalse(printed.contains("unexpected eof"), printed);
        assertTrue(app.readLost, "s_client's close_notify ended our reading cleanly");
        assertNotNull(app.lost.check(ConnectionDone.class), String.valueOf(app.lost));
    }

    @Test
    void openSslClientKilledWithoutCloseNotifyIsALostConnection() throws Exception {
        HalfClosingApp app = new HalfClosingApp(false);
        sClientAgainst(app, true);
        assertFalse(app.readLost);
        assertNotNull(app.lost.check(ConnectionLost.class), String.valueOf(app.lost));
        assertNull(app.lost.check(ConnectionDone.class), String.valueOf(app.lost));
    }
}
