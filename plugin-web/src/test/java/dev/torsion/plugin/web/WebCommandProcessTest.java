package dev.torsion.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        int port = FreePorts.tcp();
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
        int port = FreePorts.tcp();
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

    /**
     * HTTP/2: on the ssl: endpoint curl chooses h2 by ALPN; on the tcp: endpoint with --http2, curl's
     * prior knowledge and its h2c upgrade; the access log says HTTP/2.0. Without --http2 the tcp:
     * endpoint ignores the upgrade and answers HTTP/1.1.
     */
    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void http2ForCurlOnTlsByAlpnAndOnTcpWithTheFlag() throws Exception {
        Path www = Files.createDirectory(root.resolve("www"));
        Files.writeString(www.resolve("index.html"), "<h1>h2</h1>\n");
        Path key = root.resolve("key.pem");
        Path certificate = root.resolve("cert.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key.toString(), "-out", certificate.toString());
        Path accessLog = root.resolve("access.log");
        int port = FreePorts.tcp();
        int tlsPort = FreePorts.tcp();
        int plainPort = FreePorts.tcp();
        Process torsion = new ProcessBuilder(javaCommand("web", "--path", www.toString(), "--http2",
                "--listen", "tcp:" + port + ":interface=127.0.0.1", "--listen", "ssl:" + tlsPort + ":interface=127.0.0.1",
                "--certificate", certificate.toString(), "--private-key", key.toString(), "--access-log", accessLog.toString()))
                .redirectErrorStream(true).redirectOutput(root.resolve("torsion.out").toFile()).start();
        Process http11Only = new ProcessBuilder(javaCommand("web", "--path", www.toString(),
                "--listen", "tcp:" + plainPort + ":interface=127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(root.resolve("plain.out").toFile()).start();
        try {
            assertEquals(200, getWhenServing(port, "/").statusCode());
            String alpn = run("curl", "-sS", "--max-time", "20", "-i", "--http2", "--cacert", certificate.toString(),
                    "https://localhost:" + tlsPort + "/index.html");
            assertTrue(alpn.startsWith("HTTP/2 200"), alpn);
            assertTrue(alpn.endsWith("<h1>h2</h1>\n"), alpn);
            String priorKnowledge = run("curl", "-sS", "--max-time", "20", "-i", "--http2-prior-knowledge",
                    "http://127.0.0.1:" + port + "/index.html");
            assertTrue(priorKnowledge.startsWith("HTTP/2 200"), priorKnowledge);
            String upgraded = run("curl", "-sS", "--max-time", "20", "-i", "--http2", "http://127.0.0.1:" + port + "/index.html");
            assertTrue(upgraded.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), upgraded);
            assertTrue(upgraded.contains("HTTP/2 200"), upgraded);
            assertTrue(upgraded.endsWith("<h1>h2</h1>\n"), upgraded);
            assertEquals(200, getWhenServing(plainPort, "/").statusCode());
            String ignored = run("curl", "-sS", "--max-time", "20", "-i", "--http2", "http://127.0.0.1:" + plainPort + "/index.html");
            assertTrue(ignored.startsWith("HTTP/1.1 200 OK\r\n"), ignored);
            torsion.destroy();
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            String lines = Files.readString(accessLog);
            assertEquals(3, lines.split("\"GET /index.html HTTP/2.0\" 200 12 ", -1).length - 1, lines);
            assertTrue(!lines.contains(" 101 "), lines);
        } finally {
            torsion.destroyForcibly();
            http11Only.destroyForcibly();
        }
    }

    @Test
    void aMissingPathOrKeyIsOneLineOnStderrNamingTheOptionAndExit1() throws Exception {
        Path missing = root.resolve("missing");
        Outcome path = runToEnd("web", "--port", Integer.toString(FreePorts.tcp()), "--path", missing.toString());
        assertEquals(1, path.status(), path.output());
        assertEquals("torsion: web: --path " + missing + ": No such file or directory\n", path.stderr());

        Outcome key = runToEnd("web", "--https", Integer.toString(FreePorts.tcp()), "--path", root.toString(),
                "--certificate", missing + ".crt", "--private-key", missing + ".key");
        assertEquals(1, key.status(), key.output());
        assertEquals("torsion: web: --private-key " + missing + ".key: No such file or directory\n", key.stderr());
        assertTrue(!key.output().contains("\tat "), "a stack trace:\n" + key.output());

        Outcome noKey = runToEnd("web", "--https", Integer.toString(FreePorts.tcp()), "--path", root.toString());
        assertEquals(2, noKey.status(), noKey.output());
        assertTrue(noKey.stderr().startsWith("torsion: web: --https needs --private-key and --certificate"), noKey.stderr());
    }

    @Test
    void aPortInUseIsOneLineOnStderrNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Outcome busy = runToEnd("web", "--listen", "tcp:" + taken.getLocalPort() + ":interface=127.0.0.1",
                    "--path", root.toString());
            assertEquals(1, busy.status(), busy.output());
            assertEquals("torsion: web: --listen tcp:" + taken.getLocalPort() + ":interface=127.0.0.1: Address already in use\n",
                    busy.stderr());
            assertTrue(!busy.output().contains("\tat "), "a stack trace:\n" + busy.output());
        }
    }

    @Test
    void helpShowsTheTimeoutsLimitsBacklogAndGraceWithTheirDefaultsAndNoColours() throws Exception {
        Outcome help = runToEnd("web", "--help");
        assertEquals(0, help.status(), help.output());
        String text = help.output().replaceAll("\\s+", " ").replace("tcp:8080: interface", "tcp:8080:interface");
        for (String expected : List.of("--header-timeout=DURATION", "(default 30s)", "--idle-timeout=DURATION", "(default 60s)",
                "--max-body-size=SIZE", "(default 10MB)", "--backlog=N", "the kernel's somaxconn, " + WebOptions.defaultBacklog() + " here",
                "--shutdown-grace=DURATION", "Default: 15s", "--show-dotfiles", "listens on every interface",
                "tcp:8080:interface=127.0.0.1")) {
            assertTrue(text.contains(expected), "no '" + expected + "' in:\n" + help.output());
        }
        assertTrue(help.output().indexOf('\u001b') < 0, "ANSI escape codes in:\n" + help.output());
    }

    @Test
    void sigtermCutsAStalledDownloadAfterTheGraceAndTheAccessLogRecordsTheBytesSent() throws Exception {
        Path www = Files.createDirectory(root.resolve("www"));
        long size = 64L << 20;
        try (RandomAccessFile big = new RandomAccessFile(www.resolve("big.bin").toFile(), "rw")) {
            big.setLength(size);
        }
        Path accessLog = root.resolve("access.log");
        int port = FreePorts.tcp();
        Path output = root.resolve("torsion.out");
        Process torsion = new ProcessBuilder(javaCommand("--shutdown-grace", "1s", "web",
                "--listen", "tcp:" + port + ":interface=127.0.0.1", "--path", www.toString(),
                "--access-log", accessLog.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try (Socket stalled = new Socket()) {
            getWhenServing(port, "/");
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            stalled.setSoTimeout(20_000);
            stalled.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[12];
            assertEquals(12, stalled.getInputStream().readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
            // The client reads no more: the download cannot finish, so SIGTERM's grace runs out.
            torsion.destroy();
            assertTrue(torsion.waitFor(30, TimeUnit.SECONDS), "torsion did not stop within its grace");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(transcript.contains("shutdown grace of 1s over: cutting the connection from TCP:127.0.0.1:"), transcript);
            String lines = Files.readString(accessLog);
            Matcher cut = Pattern
                    .compile("(?m)^127\\.0\\.0\\.1 - - \\[[^]]+\\] \"GET /big\\.bin HTTP/1\\.1\" 200 (\\d+) ").matcher(lines);
            assertTrue(cut.find(), "the cut download is not in the access log:\n" + lines);
            long sent = Long.parseLong(cut.group(1));
            assertTrue(sent > 0 && sent < size, "bytes sent: " + sent);
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void sigusr1ReopensTheAccessLogSoThatRotationLosesNoLine() throws Exception {
        Path www = Files.createDirectory(root.resolve("www"));
        Files.writeString(www.resolve("a.txt"), "a");
        Path accessLog = root.resolve("access.log");
        Path rotated = root.resolve("access.log.1");
        int port = FreePorts.tcp();
        Process torsion = new ProcessBuilder(javaCommand("web", "--listen", "tcp:" + port + ":interface=127.0.0.1",
                "--path", www.toString(), "--access-log", accessLog.toString()))
                .redirectErrorStream(true).redirectOutput(root.resolve("torsion.out").toFile()).start();
        try {
            assertEquals(200, getWhenServing(port, "/a.txt?before").statusCode());
            Files.move(accessLog, rotated); // what logrotate does, before it signals
            run("kill", "-USR1", Long.toString(torsion.pid()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!Files.exists(accessLog) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20); // the writer reopens within milliseconds
            }
            assertTrue(Files.exists(accessLog), "no new access log after SIGUSR1:\n" + Files.readString(root.resolve("torsion.out")));
            assertEquals(200, getWhenServing(port, "/a.txt?after").statusCode());
            torsion.destroy();
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            String before = Files.readString(rotated);
            String after = Files.readString(accessLog);
            assertTrue(before.contains("\"GET /a.txt?before HTTP/1.1\" 200 1 ") && !before.contains("after"), before);
            assertTrue(after.contains("\"GET /a.txt?after HTTP/1.1\" 200 1 ") && !after.contains("before"), after);
        } finally {
            torsion.destroyForcibly();
        }
    }

    /** What a finished run of {@code torsion ARGS} printed and returned. */
    private record Outcome(int status, String stdout, String stderr) {
        String output() {
            return "--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private Outcome runToEnd(String... args) throws Exception {
        Path out = Files.createTempFile(root, "out", ".txt");
        Path err = Files.createTempFile(root, "err", ".txt");
        Process torsion = new ProcessBuilder(javaCommand(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not exit: " + Files.readString(out));
            return new Outcome(torsion.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            torsion.destroyForcibly();
        }
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion"));
        command.addAll(List.of(args));
        return command;
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
}
