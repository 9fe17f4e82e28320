package dev.torsion.plugin.telnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.TorsionCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion telnet} as a user runs it: the runner's main class in a JVM of its own, serving
 * the manhole; a socket client logs in and evaluates {@code 1+1}; without {@code --auth}, or on a
 * non-loopback endpoint without {@code --allow-remote}, it refuses to start.
 */
class TelnetCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process torsion(Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("telnet"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(TorsionCommand.of(command)).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    @Test
    void servesTheManholeBehindALoginAndStopsOnSigterm() throws Exception {
        int port = FreePorts.tcp();
        Path output = dir.resolve("torsion.out");
        Process torsion = torsion(output, "--listen", "tcp:" + port + ":interface=127.0.0.1",
                "--auth", "memory:admin:s3cret", "--max-connections", "1");
        try (Socket socket = connectWhenServing(port)) {
            socket.setSoTimeout(30_000);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            readUntil(in, "login: ");
            out.write("admin\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(in, "Password: ");
            out.write("s3cret\r\n".getBytes(StandardCharsets.US_ASCII));
            String banner = readUntil(in, "jshell> ");
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
                second.setSoTimeout(30_000);
                assertEquals(-1, second.getInputStream().read(), "a connection over --max-connections is closed");
            }
            assertTrue(banner.contains("reactor (Reactor)"), banner);
            out.write("1+1\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readUntil(in, "jshell> ");
            assertTrue(answer.matches("(?s).*\\$\\d+ ==> 2\r\n.*"), answer);
            out.write("service.name()\r\n".getBytes(StandardCharsets.US_ASCII));
            String name = readUntil(in, "jshell> ");
            assertTrue(name.contains("==> \"telnet\""), name);
        }
        torsion.destroy(); // SIGTERM
        assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
        String transcript = Files.readString(output);
        assertEquals(0, torsion.exitValue(), transcript);
        assertTrue(transcript.contains("manhole login: user=admin"), transcript);
        assertFalse(transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
    }

    @Test
    void refusesToRunWithoutAuthOrOffLoopback() throws Exception {
        Path output = dir.resolve("noauth.out");
        Process noAuth = torsion(output, "--listen", "tcp:" + FreePorts.tcp() + ":interface=127.0.0.1");
        assertTrue(noAuth.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertNotEquals(0, noAuth.exitValue());
        assertTrue(Files.readString(output).contains("never runs without a login"), Files.readString(output));

        Path remote = dir.resolve("remote.out");
        Process everywhere = torsion(remote, "--listen", "tcp:" + FreePorts.tcp(), "--auth", "memory:admin:s3cret");
        assertTrue(everywhere.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertNotEquals(0, everywhere.exitValue());
        assertTrue(Files.readString(remote).contains("--allow-remote"), Files.readString(remote));
    }

    /** Reads until {@code text} arrives (Telnet negotiation bytes pass through, unread). */
    private static String readUntil(InputStream in, String text) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith(text)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before \"" + text + "\": " + seen.toString(StandardCharsets.ISO_8859_1));
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Connects, retrying while the JVM starts. Not PeerProcess: its probing
     * connection would count against {@code --max-connections 1} until the server has seen it close.
     */
    private static Socket connectWhenServing(int port) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), port);
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }
}
