package dev.torsion.plugin.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.TorsionCommand;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion irc} as a user runs it: the runner in a JVM of its own, clients over real
 * sockets, stopped with SIGTERM. Under the interop profile python3-irc clients talk through it.
 */
class IrcCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path root;

    /** A line-oriented client on a socket. */
    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws Exception {
            this(new Socket("127.0.0.1", port));
        }

        Client(Socket connected) throws Exception {
            socket = connected;
            socket.setSoTimeout(30_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Lines up to and including the first one containing {@code marker}. */
        List<String> until(String marker) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (line.contains(marker)) {
                    return lines;
                }
            }
            throw new IOException("closed before " + marker + ": " + lines);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private PeerProcess start(int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("irc", "--listen", "tcp:" + port + ":interface=127.0.0.1",
                "--server-name", "irc.example.org"));
        args.addAll(List.of(extra));
        return PeerProcess.start(TorsionCommand.of(args), root.resolve("torsion.out"), port);
    }

    private void stop(PeerProcess torsion) throws Exception {
        assertEquals(0, torsion.terminate(), torsion.log());
        String transcript = torsion.log();
        assertTrue(!transcript.contains("hunter2") && !transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
    }

    @Test
    void servesWithPasswordSaslAndMotdUntilSigterm() throws Exception {
        int port = FreePorts.tcp();
        int tlsPort = FreePorts.tcp();
        Path motd = root.resolve("motd.txt");
        Files.writeString(motd, "Welcome to the test network\nBe nice\n");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        cert.writeTo(root);
        PeerProcess torsion = start(port, "--password", "hunter2", "--auth", "memory:alice:s3cret", "--motd", motd.toString(),
                "--listen", "ssl:" + tlsPort + ":privateKey=" + root.resolve("key.pem") + ":certKey=" + root.resolve("cert.pem")
                        + ":interface=127.0.0.1");
        torsion.awaitListening(tlsPort);
        try {
            try (Client bad = new Client(port)) {
                bad.send("PASS wrong\r\nNICK bad\r\nUSER bad 0 * :Bad\r\n");
                assertEquals(List.of(":irc.example.org 464 bad :Password incorrect",
                        "ERROR :Closing Link: 127.0.0.1 (Bad Password)"), bad.until("ERROR"));
            }
            try (Client good = new Client(port)) {
                String plain = Base64.getEncoder().encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));
                good.send("CAP LS 302\r\nPASS hunter2\r\nNICK nick\r\nUSER nick 0 * :Nick\r\nCAP REQ sasl\r\nAUTHENTICATE PLAIN\r\n");
                assertTrue(good.until(" LS ").get(0).endsWith(" cap-notify sasl=PLAIN"));
                good.until("AUTHENTICATE +");
                good.send("AUTHENTICATE " + plain + "\r\nCAP END\r\n");
                assertEquals(":irc.example.org 900 nick nick!~nick@127.0.0.1 alice :You are now logged in as alice",
                        good.until(" 900 ").get(0));
                List<String> burst = good.until(" 376 ");
                assertTrue(burst.contains(":irc.example.org 001 nick :Welcome to the Torsion IRC Network nick!~nick@127.0.0.1"), burst.toString());
                assertTrue(burst.contains(":irc.example.org 372 nick :- Welcome to the test network"), burst.toString());
                assertTrue(burst.contains(":irc.example.org 372 nick :- Be nice"), burst.toString());
                good.send("JOIN #room\r\nQUIT :bye\r\n");
                assertEquals(":nick!~nick@127.0.0.1 JOIN #room", good.until("JOIN").get(0));
                List<String> end = good.until("ERROR");
                assertEquals("ERROR :Closing Link: 127.0.0.1 (Quit: bye)", end.get(end.size() - 1));
            }
            try (Client tls = new Client(tlsSocket(cert, tlsPort))) {
                tls.send("PASS hunter2\r\nNICK secure\r\nUSER secure 0 * :Secure\r\n");
                assertEquals(":irc.example.org 001 secure :Welcome to the Torsion IRC Network secure!~secure@127.0.0.1",
                        tls.until(" 001 ").get(0));
            }
            stop(torsion);
        } finally {
            torsion.close();
        }
    }

    /** A TLS socket trusting only {@code cert}, once the port is served. */
    private static Socket tlsSocket(SelfSignedCertificate cert, int port) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", cert.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        Socket plain = new Socket("127.0.0.1", port);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
        socket.startHandshake();
        return socket;
    }

    @Test
    void refusesBadServerNames() throws Exception {
        Process torsion = new ProcessBuilder(TorsionCommand.of("irc", "--listen", "tcp:0", "--server-name", "nodot")).redirectErrorStream(true).redirectOutput(root.resolve("bad.out").toFile()).start();
        assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        String out = Files.readString(root.resolve("bad.out"));
        assertTrue(torsion.exitValue() != 0, out);
        assertTrue(out.contains("a server name is a host name with a dot"), out);
    }

    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void pythonIrcClientsTalkThroughIt() throws Exception {
        int port = FreePorts.tcp();
        PeerProcess torsion = start(port, "--password", "hunter2");
        String script = """
                import sys, time
                import irc.client
                port = int(sys.argv[1])
                reactor = irc.client.IRC()
                seen = {}
                a = None
                b = None
                deadline = time.time() + 60
                while time.time() < deadline:
                    try:
                        a = reactor.server().connect("127.0.0.1", port, "pya", password="hunter2")
                        break
                    except irc.client.ServerConnectionError:
                        time.sleep(0.2)
                b = reactor.server().connect("127.0.0.1", port, "pyb", password="hunter2")
                def on_welcome(c, e):
                    seen["welcome-" + c.get_nickname()] = True
                    c.join("#py")
                def on_join(c, e):
                    if c is b and e.source.nick == "pyb":
                        a.privmsg("#py", "ping from pya")
                def on_pubmsg(c, e):
                    seen["pubmsg"] = e.source.nick + ":" + e.arguments[0]
                reactor.add_global_handler("welcome", on_welcome)
                reactor.add_global_handler("join", on_join)
                reactor.add_global_handler("pubmsg", on_pubmsg)
                while time.time() < deadline and "pubmsg" not in seen:
                    reactor.process_once(0.2)
                print(seen, flush=True)
                sys.exit(0 if seen.get("pubmsg") == "pya:ping from pya" else 1)
                """;
        Path file = root.resolve("clients.py");
        Files.writeString(file, script);
        try {
            Process python = new ProcessBuilder("/usr/bin/python3", file.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            assertTrue(python.waitFor(90, TimeUnit.SECONDS), "python clients did not finish");
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, python.exitValue(), out);
            assertTrue(out.contains("'pubmsg': 'pya:ping from pya'"), out);
            stop(torsion);
        } finally {
            torsion.close();
        }
    }
}
