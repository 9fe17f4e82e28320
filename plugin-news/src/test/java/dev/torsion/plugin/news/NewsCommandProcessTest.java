package dev.torsion.plugin.news;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion news} as a user runs it: the runner's main class in a JVM of its own, found as a
 * plugin on the class path, serving a spool until SIGTERM stops it. Under the interop profile
 * Python's nntplib upgrades with STARTTLS, logs in, posts and reads back (a missing /usr/bin/python3 is a failure).
 */
class NewsCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path root;

    @Test
    void servesTheSpoolUntilSigterm() throws Exception {
        int port = FreePorts.tcp();
        Path spool = root.resolve("spool");
        Path output = root.resolve("torsion.out");
        Process torsion = start(output, "news", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--spool", spool.toString(),
                "--group", "comp.lang.java=The Java language", "--hostname", "news.test");
        try {
            List<String> replies = talk(port, "GROUP comp.lang.java\r\nPOST\r\nFrom: a@b\r\nNewsgroups: comp.lang.java\r\n"
                    + "Subject: hi\r\nMessage-ID: <p1@test>\r\n\r\n..dot\r\n.\r\nSTAT <p1@test>\r\nQUIT\r\n", 6);
            assertEquals(List.of("200 news.test Torsion NNTP service ready", "211 0 1 0 comp.lang.java",
                    "340 Input article; end with <CR-LF>.<CR-LF>", "240 Article received OK <p1@test>",
                    "223 0 <p1@test> Article exists", "205 Connection closing"), replies);
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertEquals("comp.lang.java 1 1 y\n", Files.readString(spool.resolve("active")));
            assertTrue(Files.readString(spool.resolve("articles/comp/lang/java/1")).endsWith("\r\n\r\n.dot\r\n"));
        } finally {
            torsion.destroyForcibly();
        }
    }

    @Test
    void aMissingSpoolOptionIsRefused() throws Exception {
        Process torsion = start(root.resolve("torsion.out"), "news", "--listen", "tcp:" + FreePorts.tcp());
        assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String transcript = Files.readString(root.resolve("torsion.out"));
        assertTrue(torsion.exitValue() != 0, transcript);
        assertTrue(transcript.contains("--spool"), transcript);
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void nntplibStartsTlsLogsInPostsAndReads() throws Exception {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is missing");
        int port = FreePorts.tcp();
        Path output = root.resolve("torsion.out");
        Path tls = SelfSignedCertificate.generate("localhost").writeTo(Files.createDirectory(root.resolve("tls")));
        Process torsion = start(output, "news", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--spool",
                root.resolve("spool").toString(), "--group", "comp.lang.java", "--hostname", "news.test", "--auth", "memory:alice:secret",
                "--login-required", "--certificate", tls.resolve("cert.pem").toString(), "--private-key", tls.resolve("key.pem").toString());
        try {
            talk(port, "QUIT\r\n", 2);
            String script = String.join("\n",
                    "import warnings, sys, ssl",
                    "warnings.simplefilter('ignore', DeprecationWarning)",
                    "import nntplib",
                    "s = nntplib.NNTP('localhost', int(sys.argv[1]), usenetrc=False)",
                    "s.starttls(ssl.create_default_context(cafile=sys.argv[2]))",
                    "s.login('alice', 'secret', usenetrc=False)",
                    "print(s.post([b'From: py@example.org', b'Newsgroups: comp.lang.java', b'Subject: from nntplib', b'', b'.hello']))",
                    "resp, count, first, last, name = s.group('comp.lang.java')",
                    "print(count, first, last, name)",
                    "print(s.body(last)[1].lines)",
                    "print(s.over((first, last))[1][0][1]['subject'])",
                    "print(s.quit())");
            Process python = new ProcessBuilder(PYTHON, "-c", script, Integer.toString(port), tls.resolve("cert.pem").toString()).redirectErrorStream(true).start();
            String text = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(python.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertEquals(0, python.exitValue(), text);
            String[] lines = text.split("\n");
            assertTrue(lines[0].startsWith("240 Article received OK <"), text);
            assertEquals("1 1 1 comp.lang.java", lines[1], text);
            assertEquals("[b'.hello']", lines[2], text);
            assertEquals("from nntplib", lines[3], text);
            assertTrue(lines[4].startsWith("205"), text);
            List<String> refused = talk(port, "GROUP comp.lang.java\r\nQUIT\r\n", 3);
            assertEquals("480 Authentication required", refused.get(1));
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertTrue(!transcript.contains("secret"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    private static Process start(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Connects once the server listens, sends {@code input}, and reads {@code lines} reply lines (greeting included). */
    private static List<String> talk(int port, String input, int lines) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout((int) DEADLINE.toMillis());
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                List<String> replies = new ArrayList<>();
                replies.add(in.readLine());
                out.write(input.getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (replies.size() < lines) {
                    replies.add(in.readLine());
                }
                return replies;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }
}
