package dev.torsion.smtp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.support.RecordingDelivery;
import dev.torsion.smtp.support.SmtpFixture;
import dev.torsion.smtp.support.TestPortals;
import dev.torsion.smtp.support.TlsFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against the server: swaks (plain, STARTTLS, AUTH PLAIN and LOGIN, pipelining,
 * attachments), Python's smtplib, curl's smtp:// upload and Twisted's SMTP client.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SmtpServerInteropTest {
    private static final String SWAKS = "/usr/bin/swaks";
    private static final String PYTHON = "/usr/bin/python3";
    private static final String CURL = "/usr/bin/curl";

    @TempDir
    static Path temp;
    static TlsFixture tls;
    static SmtpFixture secure;
    static SmtpFixture plain;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(temp);
        plain = new SmtpFixture(SmtpServerConfig.of("localhost"));
        secure = new SmtpFixture(live -> SmtpServerConfig.of("localhost").withStartTls(tls.serverOptions)
                .withAuth(TestPortals.portal(live.reactor), Object.class));
    }

    @AfterAll
    static void stop() throws Exception {
        secure.close();
        plain.close();
    }

    private static List<String> swaks(SmtpFixture server, String... extra) {
        List<String> command = new ArrayList<>(List.of(SWAKS, "--server", "127.0.0.1:" + server.port,
                "--from", "bob@sender.example", "--to", "alice@example.org", "--helo", "swaks.example"));
        command.addAll(List.of(extra));
        return command;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void swaksPlain() throws Exception {
        String out = Programs.run(swaks(plain, "--header", "Subject: plain swaks", "--body", "hello from swaks"));
        assertTrue(out.contains("<-  250 2.0.0 Ok: queued as "), out);
        RecordingDelivery.Received message = plain.nextMessage();
        assertTrue(message.body().contains("Subject: plain swaks\r\n"));
        assertTrue(message.body().contains("\r\n\r\nhello from swaks\r\n"), message.body());
        assertTrue(message.text().startsWith("Received: from swaks.example ([127.0.0.1])\r\n\tby localhost (Torsion) with ESMTP id "));
    }

    @Test
    void swaksStartTlsAuthPlainWithPipelining() throws Exception {
        String out = Programs.run(swaks(secure, "--tls", "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "secret",
                "--pipeline", "--to", "friend@elsewhere.example", "--header", "Subject: tls plain"));
        assertTrue(out.contains("<-  220 2.0.0 Ready to start TLS"), out);
        assertTrue(out.contains("<~  235 2.7.0 Authentication successful"), out);
        assertTrue(out.contains("<~  250 2.0.0 Ok: queued as "), out);
        RecordingDelivery.Received message = secure.nextMessage();
        assertTrue(message.text().contains(" with ESMTPSA id "), message.text());
        assertEquals("alice", message.envelope.session().user());
        assertEquals("friend@elsewhere.example", message.envelope.recipients().get(0).toString());
    }

    @Test
    void swaksStartTlsAuthLoginWithAnAttachment() throws Exception {
        Path attachment = temp.resolve("payload.bin");
        byte[] payload = new byte[70_000];
        new Random(7).nextBytes(payload);
        Files.write(attachment, payload);
        String out = Programs.run(swaks(secure, "--tls", "--auth", "LOGIN", "--auth-user", "alice", "--auth-password", "secret",
                "--attach", "@" + attachment, "--header", "Subject: attachment"));
        assertTrue(out.contains("<~  334 VXNlcm5hbWU6"), out);
        assertTrue(out.contains("<~  250 2.0.0 Ok: queued as "), out);
        RecordingDelivery.Received message = secure.nextMessage();
        String body = message.body();
        assertTrue(body.contains("Content-Transfer-Encoding: BASE64") || body.contains("Content-Transfer-Encoding: base64"), body);
        assertTrue(body.length() > 90_000);
    }

    @Test
    void swaksAuthIsNotOfferedBeforeTls() throws Exception {
        List<String> command = swaks(secure, "--auth", "PLAIN", "--auth-user", "alice", "--auth-password", "secret");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor() != 0, out);
        assertTrue(out.contains("Host did not advertise authentication"), out);
    }

    @Test
    void pythonSmtplibStartTlsLoginAndAnAttachmentArriveByteIdentical() throws Exception {
        String script = """
                import hashlib, smtplib, ssl, sys
                from email.message import EmailMessage
                from email import policy
                msg = EmailMessage()
                msg['From'] = 'bob@sender.example'
                msg['To'] = 'alice@example.org'
                msg['Subject'] = 'smtplib with attachment'
                msg.set_content('Hello.\\n.leading dot line\\n')
                msg.add_attachment(bytes(range(256)) * 300, maintype='application', subtype='octet-stream', filename='data.bin')
                data = msg.as_bytes(policy=policy.SMTP)
                ctx = ssl.create_default_context(cafile=sys.argv[2])
                with smtplib.SMTP('localhost', int(sys.argv[1])) as s:
                    s.starttls(context=ctx)
                    s.login('alice', 'secret')
                    s.sendmail('bob@sender.example', ['alice@example.org'], data)
                print(hashlib.sha256(data).hexdigest())
                """;
        Path file = temp.resolve("send.py");
        Files.writeString(file, script);
        String out = Programs.run(List.of(PYTHON, file.toString(), Integer.toString(secure.port), tls.caFile().toString())).trim();
        RecordingDelivery.Received message = secure.nextMessage();
        assertEquals(out, sha256(message.body().getBytes(StandardCharsets.UTF_8)));
        assertTrue(message.body().contains("\r\n.leading dot line\r\n"));
    }

    @Test
    void curlUploadsOverStartTlsWithAuth() throws Exception {
        Path mail = temp.resolve("curl.eml");
        Files.writeString(mail, "From: bob@sender.example\nTo: alice@example.org\nSubject: curl\n\nline one\n.dot line\nend\n");
        Programs.run(List.of(CURL, "-sS", "--url", "smtp://localhost:" + secure.port, "--ssl-reqd", "--cacert", tls.caFile().toString(),
                "--user", "alice:secret", "--mail-from", "bob@sender.example", "--mail-rcpt", "alice@example.org",
                "--crlf", "--upload-file", mail.toString()));
        RecordingDelivery.Received message = secure.nextMessage();
        assertEquals("From: bob@sender.example\r\nTo: alice@example.org\r\nSubject: curl\r\n\r\nline one\r\n.dot line\r\nend\r\n", message.body());
    }

    @Test
    void twistedSmtpClientSends() throws Exception {
        String script = """
                import sys
                from io import BytesIO
                from twisted.internet import reactor
                from twisted.mail.smtp import sendmail
                # Twisted's client turns each LF into CR LF itself (SMTPClient.transformChunk).
                msg = b'From: bob@sender.example\\nSubject: twisted\\n\\nsent by Twisted\\n'
                result = []
                d = sendmail('127.0.0.1', 'bob@sender.example', ['alice@example.org'], msg, port=int(sys.argv[1]), requireTransportSecurity=False)
                d.addCallbacks(lambda r: result.append(r), lambda f: result.append(f))
                d.addBoth(lambda _: reactor.stop())
                reactor.run()
                print(result)
                sys.exit(0 if result and isinstance(result[0], tuple) and result[0][0] == 1 else 1)
                """;
        Path file = temp.resolve("twisted_send.py");
        Files.writeString(file, script);
        Programs.run(List.of(PYTHON, file.toString(), Integer.toString(plain.port)));
        RecordingDelivery.Received message = plain.nextMessage();
        assertEquals("From: bob@sender.example\r\nSubject: twisted\r\n\r\nsent by Twisted\r\n", message.body());
    }
}
