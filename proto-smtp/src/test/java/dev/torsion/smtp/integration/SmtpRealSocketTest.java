package dev.torsion.smtp.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.support.RecordingDelivery;
import dev.torsion.smtp.support.SmtpFixture;
import dev.torsion.smtp.support.TlsFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on the Netty reactor, driven by a JDK socket: plaintext, then STARTTLS and AUTH over real TLS. */
class SmtpRealSocketTest {
    @TempDir
    static Path temp;
    static TlsFixture tls;
    static SmtpFixture server;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsFixture(temp);
        server = new SmtpFixture(SmtpServerConfig.of("mx.example.org").withStartTls(tls.serverOptions));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Reads one whole reply (all its lines) and returns its last line. */
    private static String reply(BufferedReader in) throws Exception {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    @Test
    void startTlsOverTheNettyTransport() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", server.port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = plain.getOutputStream();
            assertTrue(reply(in).startsWith("220 mx.example.org"));
            out.write("EHLO client\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("250 STARTTLS", reply(in));
            // The pipelined MAIL after STARTTLS must be dropped (RFC 3207 §6), not run inside TLS.
            out.write("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("220 2.0.0 Ready to start TLS", reply(in));
            SSLSocket secure = (SSLSocket) tls.clientContext.getSocketFactory().createSocket(plain, "localhost", server.port, true);
            secure.startHandshake();
            BufferedReader tin = new BufferedReader(new InputStreamReader(secure.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream tout = secure.getOutputStream();
            tout.write("MAIL FROM:<bob@b.example>\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("503 5.5.1 Error: send HELO/EHLO first", reply(tin));
            tout.write("EHLO client\r\nMAIL FROM:<bob@b.example>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("250 CHUNKING", reply(tin));
            assertEquals("250 2.1.0 Ok", reply(tin));
            assertEquals("250 2.1.5 Ok", reply(tin));
            assertTrue(reply(tin).startsWith("354 "));
            tout.write("Subject: over TLS\r\n\r\nhello\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(reply(tin).startsWith("250 2.0.0 Ok: queued as "));
            assertEquals("221 2.0.0 Bye", reply(tin));
        }
        RecordingDelivery.Received message = server.nextMessage();
        assertTrue(message.text().contains("with ESMTPS id"), message.text());
        assertEquals("Subject: over TLS\r\n\r\nhello\r\n", message.body());
        assertEquals("bob@b.example", message.envelope.from().toString());
    }
}
