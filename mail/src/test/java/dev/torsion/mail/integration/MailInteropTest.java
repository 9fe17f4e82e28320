package dev.torsion.mail.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.support.TlsFixture;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail service end to end with real programs: swaks sends over STARTTLS with AUTH into the
 * Maildir, Python's poplib (STLS) and curl's pop3:// fetch it back; the message arrives
 * byte-identical, attachment included (only the Return-Path and Received trace lines are added).
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class MailInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path temp;
    static LiveReactor live;
    static TlsFixture tls;
    static ListeningPort smtp;
    static ListeningPort pop3;
    static int smtpPort;
    static int pop3Port;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(Files.createDirectories(temp.resolve("tls")));
        live = new LiveReactor();
        MailSettings settings = new MailSettings("localhost",
                List.of(new MailDomain("example.org", temp.resolve("mail").resolve("example.org"), Set.of("alice", "bob"), null)),
                Aliases.none(),
                List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret").addUser("bob@example.org", "pw")),
                tls.serverOptions);
        MailService service = live.call(() -> new MailService(live.reactor, settings));
        smtp = live.call(() -> live.reactor.listenTCP(0, service.smtpFactory(), 50, "127.0.0.1"));
        pop3 = live.call(() -> live.reactor.listenTCP(0, service.pop3Factory(), 50, "127.0.0.1"));
        smtpPort = ((IPv4Address) smtp.getHost()).port();
        pop3Port = ((IPv4Address) pop3.getHost()).port();
    }

    @AfterAll
    static void stop() throws Exception {
        live.call(() -> {
            smtp.stopListening();
            return pop3.stopListening();
        });
        live.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A MIME message with a 50 KB binary attachment, CR LF line ends, a dot-led line. */
    private static byte[] messageWithAttachment(String subject) {
        byte[] payload = new byte[50_000];
        new Random(42).nextBytes(payload);
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(payload);
        String text = "From: carol@sender.example\r\nTo: alice@example.org\r\nSubject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Grüße.\r\n.a line that starts with a dot\r\n..two dots\r\n\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"data.bin\"\r\n\r\n" + encoded + "\r\n--b1--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String FETCH = """
            import hashlib, poplib, ssl, sys
            port, ca, user, password, which = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
            ctx = ssl.create_default_context(cafile=ca)
            box = poplib.POP3('localhost', port)
            box.stls(context=ctx)
            box.user(user)
            box.pass_(password)
            count, size = box.stat()
            resp, lines, octets = box.retr(count if which == 'last' else int(which))
            raw = b'\\r\\n'.join(lines) + b'\\r\\n'
            # Drop the trace lines the server adds: Return-Path, then Received with its folded lines.
            out = raw.split(b'\\r\\n')
            assert out[0].startswith(b'Return-Path: '), out[0]
            assert out[1].startswith(b'Received: '), out[1]
            i = 2
            while out[i].startswith(b'\\t'):
                i += 1
            body = b'\\r\\n'.join(out[i:])
            open(sys.argv[6], 'wb').write(body)
            uidl = box.uidl(count).split()[2].decode()
            box.quit()
            print(hashlib.sha256(body).hexdigest(), count, uidl)
            """;

    @Test
    void swaksToPoplibByteIdenticalWithAttachment() throws Exception {
        byte[] message = messageWithAttachment("end to end");
        Path file = temp.resolve("message.eml");
        // swaks ends the data with CR LF "." itself: the file leaves out the message's last CR LF.
        Files.write(file, Arrays.copyOf(message, message.length - 2));
        String out = Programs.run(List.of("/usr/bin/swaks", "--server", "127.0.0.1:" + smtpPort, "--tls",
                "--auth", "PLAIN", "--auth-user", "bob@example.org", "--auth-password", "pw",
                "--from", "carol@sender.example", "--to", "alice@example.org", "--data", "@" + file));
        assertTrue(out.contains("<~  250 2.0.0 Ok: queued as "), out);
        Path script = temp.resolve("fetch.py");
        Files.writeString(script, FETCH);
        String fetched = Programs.run(List.of(PYTHON, script.toString(), Integer.toString(pop3Port), tls.caFile().toString(),
                "alice@example.org", "secret", "last", temp.resolve("fetched.eml").toString())).trim();
        String[] parts = fetched.split(" ");
        assertEquals(sha256(message), parts[0], fetched);
        assertTrue(parts[2].matches("[0-9A-F]{16}"), parts[2]);
    }

    @Test
    void curlFetchesOverPop3WithStls() throws Exception {
        byte[] message = ("From: carol@sender.example\r\nSubject: for curl\r\n\r\nfetched by curl\r\n").getBytes(StandardCharsets.US_ASCII);
        Path file = temp.resolve("curl.eml");
        Files.write(file, Arrays.copyOf(message, message.length - 2));
        Programs.run(List.of("/usr/bin/swaks", "--server", "127.0.0.1:" + smtpPort, "--from", "carol@sender.example",
                "--to", "bob@example.org", "--data", "@" + file));
        String listing = Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls.caFile().toString(),
                "--user", "bob@example.org:pw", "pop3://localhost:" + pop3Port + "/"));
        assertTrue(listing.matches("(?s)1 \\d+\\r?\\n.*"), listing);
        String fetched = Programs.run(List.of("/usr/bin/curl", "-sS", "--ssl-reqd", "--cacert", tls.caFile().toString(),
                "--user", "bob@example.org:pw", "pop3://localhost:" + pop3Port + "/1"));
        assertTrue(fetched.startsWith("Return-Path: <carol@sender.example>\r\nReceived: from "), fetched);
        assertTrue(fetched.endsWith("\r\nFrom: carol@sender.example\r\nSubject: for curl\r\n\r\nfetched by curl\r\n"), fetched);
    }
}
