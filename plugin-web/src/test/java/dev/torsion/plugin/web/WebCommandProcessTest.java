package dev.torsion.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion web} as a user runs it: the runner's main class in a JVM of its own, found as a
 * plugin on the class path, serving a directory until SIGTERM stops it. Under the interop profile
 * curl fetches the file too, and a directory guarded by {@code --auth file:} with a password file
 * from Apache's {@code htpasswd -B} (a missing curl or htpasswd is a failure).
 */
class WebCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void servesAFileUntilSigterm() throws Exception {
        byte[] page = "<h1>Torsion</h1>\n".getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("index.html"), page);
        int port = freePort();
        Path output = root.resolve("torsion.out");
        Process torsion = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion",
                "web", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--path", root.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            HttpResponse<byte[]> response = getWhenServing(port, "/");
            assertEquals(200, response.statusCode());
            assertEquals(new String(page, StandardCharsets.UTF_8), new String(response.body(), StandardCharsets.UTF_8));
            if (Boolean.getBoolean("torsion.interop")) {
                assertEquals(new String(page, StandardCharsets.UTF_8), curl("http://127.0.0.1:" + port + "/index.html"));
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(transcript.contains("torsion web stopped"), transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void authFileFromHtpasswdGuardsTheDirectoryForCurl() throws Exception {
        Files.writeString(root.resolve("secret.txt"), "for bob only");
        Path passwords = Files.createDirectory(root.resolve("conf")).resolve("htpasswd");
        run("htpasswd", "-c", "-B", "-b", passwords.toString(), "bob", "correct horse");
        int port = freePort();
        Path output = root.resolve("torsion.out");
        Process torsion = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion",
                "web", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--path", root.toString(),
                "--auth", "file:" + passwords, "--auth-realm", "bob's files"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertEquals(401, getWhenServing(port, "/secret.txt").statusCode());
            String url = "http://127.0.0.1:" + port + "/secret.txt";
            String refused = run("curl", "-sS", "--max-time", "20", "-D", "-", url);
            assertTrue(refused.startsWith("HTTP/1.1 401 Unauthorized\r\n"), refused);
            assertTrue(refused.contains("WWW-Authenticate: Basic realm=\"bob's files\", charset=\"UTF-8\"\r\n"), refused);
            assertTrue(!refused.contains("for bob only"), refused);
            String served = run("curl", "-sS", "--max-time", "20", "-D", "-", "--user", "bob:correct horse", url);
            assertTrue(served.startsWith("HTTP/1.1 200 OK\r\n"), served);
            assertTrue(served.endsWith("\r\n\r\nfor bob only"), served);
            String wrong = run("curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}",
                    "--user", "bob:wrong horse", url);
            assertEquals("401", wrong);
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(!transcript.contains("correct horse"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    /** GET, retried while the server is still starting (connection refused) until the deadline. */
    private static HttpResponse<byte[]> getWhenServing(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }

    /** Runs a program (stdout and stderr together); it must exit with 0 within 30 s. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        return new String(output, StandardCharsets.UTF_8);
    }

    private static String curl(String url) throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "20", url).redirectErrorStream(true).start();
        byte[] body = curl.getInputStream().readAllBytes();
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, curl.exitValue(), new String(body, StandardCharsets.UTF_8));
        return new String(body, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
