package dev.torsion.smtp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.smtp.SmtpLimits;
import dev.torsion.smtp.server.SmtpServer;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.support.RecordingDelivery;
import dev.torsion.smtp.support.TestPortals;
import dev.torsion.smtp.support.TlsFixture;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against our server in memory (IOPump, real TLS in memory) and against scripted servers. */
class SmtpClientTest {
    private static final byte[] MESSAGE = "Subject: hi\n\n.leading dot\nbody\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;
    static TlsFixture tls;

    @BeforeAll
    static void certificates() throws Exception {
        tls = new TlsFixture(temp);
    }

    private static final class Run {
        final TestClock clock = new TestClock();
        final RecordingDelivery delivery = new RecordingDelivery();
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final SmtpClient client;

        Run(SmtpServerConfig serverConfig, SmtpClientConfig clientConfig, List<String> to) {
            SmtpServer server = new SmtpServer(serverConfig, delivery, clock);
            client = new SmtpClient(clientConfig, "bob@sender.example", to, MESSAGE, clock);
            client.result().addBoth((value, failure) -> {
                outcome.set(failure == null ? value : failure);
                return null;
            });
            IOPump.connect(server, client).flush();
        }

        SendResult result() {
            return assertInstanceOf(SendResult.class, outcome.get(), String.valueOf(outcome.get()));
        }

        SmtpClientException error() {
            return assertInstanceOf(SmtpClientException.class, assertInstanceOf(Failure.class, outcome.get()).value());
        }
    }

    @Test
    void sendsWithPipeliningAndChunking() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org"), SmtpClientConfig.of("client.example"),
                List.of("alice@example.org", "nobody@example.org", "carol@example.org"));
        SendResult result = run.result();
        assertEquals(List.of("alice@example.org", "carol@example.org"), result.accepted());
        assertEquals(550, result.refused().get("nobody@example.org").code());
        assertEquals(250, result.finalReply().code());
        // CHUNKING was offered: BDAT carries the canonical message, not dot-stuffed.
        assertEquals("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n", run.delivery.completed().get(0).body());
    }

    @Test
    void startTlsRequiredWithAuthOverRealTlsInMemory() throws Exception {
        Run[] holder = new Run[1];
        TestClock portalClock = new TestClock();
        SmtpServerConfig server = SmtpServerConfig.of("localhost").withStartTls(tls.serverOptions)
                .withAuth(TestPortals.portal(portalClock), Object.class);
        SmtpClientConfig client = SmtpClientConfig.of("client.example")
                .withTls(TlsMode.REQUIRED, TlsOptions.client(tls.clientContext, "localhost"))
                .withAuth("alice", "secret");
        holder[0] = new Run(server, client, List.of("friend@elsewhere.example"));
        holder[0].result();
        RecordingDelivery.Received message = holder[0].delivery.completed().get(0);
        assertEquals("alice", message.envelope.session().user());
        assertTrue(message.text().contains(" with ESMTPSA id "), message.text());
    }

    @Test
    void startTlsRequiredButNotOfferedFails() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org"),
                SmtpClientConfig.of("c").withTls(TlsMode.REQUIRED, TlsOptions.client(tls.clientContext, "localhost")),
                List.of("alice@example.org"));
        assertTrue(run.error().getMessage().contains("STARTTLS required but not offered"));
        assertTrue(run.delivery.messages.isEmpty());
    }

    @Test
    void opportunisticTlsWithoutOfferSendsInTheClear() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org"),
                SmtpClientConfig.of("c").withTls(TlsMode.OPPORTUNISTIC, TlsOptions.client(tls.clientContext, "localhost")),
                List.of("alice@example.org"));
        run.result();
        assertTrue(run.delivery.completed().get(0).text().contains(" with ESMTP id "));
    }

    @Test
    void everyRecipientRefusedFailsWithTheReply() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org"), SmtpClientConfig.of("c"), List.of("nobody@example.org"));
        SmtpClientException error = run.error();
        assertEquals(550, error.reply().code());
        assertTrue(!error.isTransient());
        assertTrue(run.delivery.completed().isEmpty());
    }

    @Test
    void sizeOverTheServersLimitFailsBeforeMail() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org").withLimits(SmtpLimits.DEFAULTS.withMessageSize(10)),
                SmtpClientConfig.of("c"), List.of("alice@example.org"));
        assertTrue(run.error().getMessage().contains("over the server's SIZE 10"));
        assertTrue(run.delivery.messages.isEmpty());
    }

    @Test
    void authWithoutOfferFails() {
        Run run = new Run(SmtpServerConfig.of("mx.example.org"), SmtpClientConfig.of("c").withAuth("alice", "secret"),
                List.of("alice@example.org"));
        assertTrue(run.error().getMessage().contains("AUTH not offered"));
    }

    /** A scripted server that knows only HELO, PIPELINING-less: the client falls back and dot-stuffs DATA. */
    @Test
    void heloFallbackAndDataOneCommandAtATime() {
        StringTransport wire = new StringTransport();
        SmtpClient client = new SmtpClient(SmtpClientConfig.of("c.example"), "", List.of("a@x.example"), MESSAGE, new TestClock());
        client.makeConnection(wire);
        client.dataReceived("220 old.example SMTP\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("EHLO c.example\r\n", take(wire));
        client.dataReceived("500 what?\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("HELO c.example\r\n", take(wire));
        client.dataReceived("250 old.example\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("MAIL FROM:<>\r\n", take(wire));
        client.dataReceived("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("RCPT TO:<a@x.example>\r\n", take(wire));
        client.dataReceived("250 ok\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("DATA\r\n", take(wire));
        client.dataReceived("354 go\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("Subject: hi\r\n\r\n..leading dot\r\nbody\r\n.\r\n", take(wire));
        client.dataReceived("250 queued\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("QUIT\r\n", take(wire));
        assertTrue(client.result().isCalled());
        assertEquals(SmtpClientState.DONE, client.state());
    }

    @Test
    void aMalformedReplyAbortsAndATimeoutFails() {
        StringTransport wire = new StringTransport();
        SmtpClient client = new SmtpClient(SmtpClientConfig.of("c"), "", List.of("a@x.example"), MESSAGE, new TestClock());
        client.makeConnection(wire);
        client.dataReceived("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(wire.isAborted());
        AtomicReference<Failure> failure = new AtomicReference<>();
        client.result().addErrback(f -> {
            failure.set(f);
            return null;
        });
        assertTrue(failure.get().getErrorMessage().contains("protocol error"));

        TestClock clock = new TestClock();
        StringTransport silent = new StringTransport();
        SmtpClient waiting = new SmtpClient(SmtpClientConfig.of("c").withReplyTimeout(Duration.ofSeconds(30)), "", List.of("a@x.example"), MESSAGE, clock);
        waiting.makeConnection(silent);
        clock.advance(Duration.ofSeconds(30));
        assertTrue(silent.isAborted());
        assertTrue(waiting.result().isCalled());
    }

    private static String take(StringTransport wire) {
        String out = wire.valueAsString();
        wire.clear();
        return out;
    }

    @Test
    void mxRecordsByPreference() {
        assertEquals(List.of("mx1.example.org", "mx2.example.org", "backup.example.net"),
                MxRecords.order("example.org", List.of("20 mx2.example.org.", "50 backup.example.net.", "10 MX1.example.org.", "junk")));
        assertEquals(List.of("example.org"), MxRecords.order("example.org", List.of()));
        assertTrue(assertInstanceOf(IllegalArgumentException.class, catchThrowable(() -> MxRecords.order("example.org", List.of("0 .")))).getMessage()
                .contains("null MX"));
    }

    private static Throwable catchThrowable(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
