package dev.torsion.plugin.socks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.torsion.netty.testing.FreePorts;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion socks} as a user runs it: the runner's main class in a JVM of its own, relaying
 * to a small HTTP server until SIGTERM stops it; the JDK's SOCKS client goes through it, and under
 * the interop profile curl {@code --socks5}, {@code --socks5-hostname} and {@code --proxy-user}
 * (a missing curl is a failure), with {@code --deny} refusing a port; BIND and UDP ASSOCIATE from
 * raw sockets, served by default and refused with {@code --no-bind --no-udp}.
 */
class SocksCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String CURL = "/usr/bin/curl";

    @TempDir
    Path root;

    private HttpServer http;
    private int httpPort;

    @BeforeEach
    void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        http.createContext("/", exchange -> {
            byte[] body = ("you asked for " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        httpPort = http.getAddress().getPort();
    }

    @AfterEach
    void stopHttp() {
        http.stop(0);
    }

    @Test
    void relaysForTheJdkClientUntilSigterm() throws Exception {
        int port = FreePorts.tcp();
        Path output = root.resolve("torsion.out");
        Process torsion = start(output, "socks", "--listen", "tcp:" + port + ":interface=127.0.0.1");
        try {
            waitForPort(port);
            Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", port));
            try (Socket socket = new Socket(proxy)) {
                socket.connect(InetSocketAddress.createUnresolved("localhost", httpPort), (int) DEADLINE.toMillis());
                socket.getOutputStream().write("GET /jdk HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
                assertTrue(response.endsWith("you asked for /jdk"), response);
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            assertEquals(0, torsion.exitValue(), Files.readString(output));
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void twistdSpellingAndBadRules() throws Exception {
        Process bad = start(root.resolve("bad.out"), "socks", "--port", Integer.toString(FreePorts.tcp()), "--deny", "10.0.0.0/8@x");
        assertTrue(bad.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String transcript = Files.readString(root.resolve("bad.out"));
        assertTrue(bad.exitValue() != 0, transcript);
        assertTrue(transcript.contains("--deny 10.0.0.0/8@x: ports are PORT or PORT-PORT"), transcript);
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void curlThroughWithLoginAndDenyRule() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CURL)), CURL + " is missing (install curl)");
        int port = FreePorts.tcp();
        int denied = FreePorts.tcp();
        Path output = root.resolve("torsion.out");
        Process torsion = start(output, "socks", "--port", Integer.toString(port), "--interface", "127.0.0.1",
                "--auth", "memory:alice:s3cret", "--allow", "127.0.0.0/8", "--deny", "127.0.0.0/8@" + denied);
        try {
            waitForPort(port);
            String url = "http://127.0.0.1:" + httpPort + "/curl";
            assertEquals("you asked for /curl", curl("--socks5", "127.0.0.1:" + port, "--proxy-user", "alice:s3cret", url));
            assertEquals("you asked for /name", curl("--socks5-hostname", "127.0.0.1:" + port, "--proxy-user", "alice:s3cret",
                    "http://localhost:" + httpPort + "/name"));
            String noLogin = curl("--socks5", "127.0.0.1:" + port, url);
            assertTrue(noLogin.startsWith("curl: (97)"), noLogin);
            String deniedPort = curl("--socks5", "127.0.0.1:" + port, "--proxy-user", "alice:s3cret", "http://127.0.0.1:" + denied + "/");
            assertTrue(deniedPort.contains("(2)"), "X'02' not allowed by ruleset: " + deniedPort);
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertTrue(!transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void bindAndUdpAssociateAreServedUnlessSwitchedOff() throws Exception {
        int port = FreePorts.tcp();
        int off = FreePorts.tcp();
        Process torsion = start(root.resolve("torsion.out"), "socks", "--listen", "tcp:" + port + ":interface=127.0.0.1");
        Process refusing = start(root.resolve("refusing.out"), "socks", "--listen", "tcp:" + off + ":interface=127.0.0.1",
                "--no-bind", "--no-udp");
        try (DatagramSocket echo = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread echoing = new Thread(() -> echoDatagrams(echo), "udp echo");
            echoing.setDaemon(true);
            echoing.start();
            waitForPort(port);
            waitForPort(off);
            assertBindServed(port);
            assertUdpServed(port, echo.getLocalPort());
            for (int command : new int[] {2, 3}) {
                try (Socket client = new Socket("127.0.0.1", off)) {
                    client.setSoTimeout((int) DEADLINE.toMillis());
                    byte[] reply = request(client, command, new byte[] {127, 0, 0, 1}, 0);
                    assertEquals("05070001000000000000", HexFormat.of().formatHex(reply), "command " + command + " switched off");
                }
            }
        } finally {
            torsion.destroyForcibly();
            refusing.destroyForcibly();
        }
    }

    /** SOCKS5 greeting without authentication, then a request; returns the 10-byte reply. */
    private static byte[] request(Socket client, int command, byte[] address, int port) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(new byte[] {5, 1, 0, 5, (byte) command, 0, 1, address[0], address[1], address[2], address[3],
            (byte) (port >> 8), (byte) port});
        DataInputStream in = new DataInputStream(client.getInputStream());
        byte[] method = new byte[2];
        in.readFully(method);
        assertEquals("0500", HexFormat.of().formatHex(method));
        byte[] reply = new byte[10];
        in.readFully(reply);
        return reply;
    }

    private static int portOf(byte[] reply) {
        return (reply[8] & 0xFF) << 8 | reply[9] & 0xFF;
    }

    private static void assertBindServed(int port) throws IOException {
        try (Socket client = new Socket("127.0.0.1", port)) {
            client.setSoTimeout((int) DEADLINE.toMillis());
            byte[] first = request(client, 2, new byte[] {127, 0, 0, 1}, 0);
            assertEquals("050000017f000001", HexFormat.of().formatHex(first, 0, 8), "first BIND reply");
            try (Socket incoming = new Socket("127.0.0.1", portOf(first))) {
                byte[] second = new byte[10];
                new DataInputStream(client.getInputStream()).readFully(second);
                assertEquals("050000017f000001", HexFormat.of().formatHex(second, 0, 8), "second BIND reply");
                assertEquals(incoming.getLocalPort(), portOf(second));
                incoming.getOutputStream().write("through BIND".getBytes(StandardCharsets.US_ASCII));
                byte[] relayed = new byte[12];
                new DataInputStream(client.getInputStream()).readFully(relayed);
                assertEquals("through BIND", new String(relayed, StandardCharsets.US_ASCII));
            }
        }
    }

    private static void assertUdpServed(int port, int echoPort) throws IOException {
        try (Socket client = new Socket("127.0.0.1", port); DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout((int) DEADLINE.toMillis());
            udp.setSoTimeout((int) DEADLINE.toMillis());
            byte[] reply = request(client, 3, new byte[4], udp.getLocalPort());
            assertEquals("050000017f000001", HexFormat.of().formatHex(reply, 0, 8), "UDP ASSOCIATE reply");
            byte[] datagram = {0, 0, 0, 1, 127, 0, 0, 1, (byte) (echoPort >> 8), (byte) echoPort, 'u', 'd', 'p'};
            udp.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", portOf(reply))));
            DatagramPacket answer = new DatagramPacket(new byte[512], 512);
            udp.receive(answer);
            assertEquals(HexFormat.of().formatHex(datagram),
                    HexFormat.of().formatHex(answer.getData(), 0, answer.getLength()), "the echo's answer, wrapped");
        }
    }

    private static void echoDatagrams(DatagramSocket socket) {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        try {
            while (true) {
                packet.setLength(2048);
                socket.receive(packet);
                socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }

    private static String curl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "20"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] out = readAll(process.getInputStream());
        assertTrue(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "curl timed out");
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static Process start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }
}
