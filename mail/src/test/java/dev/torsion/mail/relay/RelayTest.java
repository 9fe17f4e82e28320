package dev.torsion.mail.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.maildir.MaildirFolder;
import dev.torsion.mail.store.StoredMessage;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.smtp.SmtpRejection;
import dev.torsion.smtp.client.SendResult;
import dev.torsion.smtp.client.SmtpClientConfig;
import dev.torsion.smtp.client.SmtpSender;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.server.SmtpServerFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relaying end to end on real sockets: our client logs in to the mail service, which queues mail for
 * another domain and relays it (through a smart host) to a second SMTP server that accepts one
 * recipient, refuses one for good (bounce to the local sender, RFC 3464) and one for now (kept in
 * the queue with its retry time).
 */
class RelayTest {
    @TempDir
    Path temp;
    LiveReactor live;
    ListeningPort remote;
    ListeningPort mail;
    MailService service;
    final BlockingQueue<String> remoteMessages = new LinkedBlockingQueue<>();

    /** The remote domain's server: ok@ accepted, bad@ refused (550), later@ deferred (451). */
    private final MessageDelivery remoteDelivery = new MessageDelivery() {
        @Override
        public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
            return switch (to.localPart()) {
                case "ok" -> Deferred.succeed(null);
                case "bad" -> Deferred.fail(new SmtpRejection(550, "5.1.1", "No such user"));
                default -> Deferred.fail(new SmtpRejection(451, "4.2.0", "Try again later"));
            };
        }

        @Override
        public MessageReceiver startMessage(Envelope envelope) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            return new MessageReceiver() {
                @Override
                public void write(byte[] data) {
                    content.writeBytes(data);
                }

                @Override
                public Deferred<Void> end() {
                    remoteMessages.add(envelope.from() + "|" + envelope.recipients() + "|" + content.toString(StandardCharsets.UTF_8));
                    return Deferred.succeed(null);
                }

                @Override
                public void abort() {
                }
            };
        }
    };

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        remote = live.call(() -> live.reactor.listenTCP(0, new SmtpServerFactory(SmtpServerConfig.of("remote.example"), remoteDelivery, live.reactor), 50, "127.0.0.1"));
    }

    private int startMail(RelayNetworks networks) throws Exception {
        int remotePort = ((IPv4Address) remote.getHost()).port();
        MailSettings settings = new MailSettings("mx.example.org",
                List.of(new MailDomain("example.org", temp.resolve("example.org"), Set.of("alice"), null)), Aliases.none(),
                List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret")), null)
                .withRelay(temp.resolve("queue"), networks, "tcp:127.0.0.1:" + remotePort);
        service = live.call(() -> new MailService(live.reactor, settings));
        mail = live.call(() -> live.reactor.listenTCP(0, service.smtpFactory(), 50, "127.0.0.1"));
        return ((IPv4Address) mail.getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        live.call(() -> {
            remote.stopListening();
            return mail == null ? null : mail.stopListening();
        });
        live.close();
    }

    private SendResult send(int port, SmtpClientConfig config, List<String> to) throws Exception {
        byte[] message = "From: alice@example.org\r\nSubject: relayed\r\n\r\nover there\r\n".getBytes(StandardCharsets.UTF_8);
        return live.await(() -> SmtpSender.sendmail(live.reactor, Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port),
                config, "alice@example.org", to, message));
    }

    @Test
    void authenticatedUsersRelayAcceptedRefusedAndDeferredRecipients() throws Exception {
        int port = startMail(RelayNetworks.none());
        SendResult result = send(port, SmtpClientConfig.of("client.example").withAuth("alice@example.org", "secret"),
                List.of("ok@remote.example", "bad@remote.example", "later@remote.example"));
        assertEquals(3, result.accepted().size(), "the relay accepts them all and owns them from then on");

        String relayed = remoteMessages.poll(30, TimeUnit.SECONDS);
        assertNotNull(relayed, "nothing relayed");
        assertTrue(relayed.startsWith("alice@example.org|[ok@remote.example]|Received: from "), relayed);
        assertTrue(relayed.endsWith("\r\nFrom: alice@example.org\r\nSubject: relayed\r\n\r\nover there\r\n"), relayed);

        MaildirFolder inbox = new MaildirFolder(new Maildir(temp.resolve("example.org").resolve("alice")));
        List<StoredMessage> bounces = waitForMessages(inbox, 1);
        String bounce = new String(inbox.read(bounces.get(0).uid()), StandardCharsets.UTF_8);
        assertTrue(bounce.startsWith("Return-Path: <>\r\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"), bounce);
        assertTrue(bounce.contains("Content-Type: multipart/report; report-type=delivery-status;"), bounce);
        assertTrue(bounce.contains("Final-Recipient: rfc822; bad@remote.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"), bounce);
        assertTrue(!bounce.contains("later@remote.example"), "deferred recipients are not bounced yet");

        RelayQueue queue = new RelayQueue(temp.resolve("queue"));
        List<QueuedMessage> left = waitForQueue(queue);
        assertEquals(List.of("later@remote.example"), left.get(0).recipients());
        assertEquals(1, left.get(0).attempts());
        long wait = left.get(0).nextAttemptMillis() - System.currentTimeMillis();
        assertTrue(wait > 50_000 && wait <= 60_000, "retried after a minute: " + wait);
    }

    @Test
    void neverAnOpenRelayButListedNetworksMay() throws Exception {
        int port = startMail(RelayNetworks.none());
        Exception refused = assertThrows(Exception.class, () -> send(port, SmtpClientConfig.of("c"), List.of("ok@remote.example")));
        assertTrue(refused.getMessage().contains("554"), refused.getMessage());
        live.call(() -> mail.stopListening());
        int trusted = startMail(RelayNetworks.parse(List.of("127.0.0.0/8")));
        send(trusted, SmtpClientConfig.of("c"), List.of("ok@remote.example"));
        assertNotNull(remoteMessages.poll(30, TimeUnit.SECONDS));
    }

    @Test
    void deferredRecipientsBounceOnceTooOldAndBackoffGrows() throws Exception {
        int remotePort = ((IPv4Address) remote.getHost()).port();
        RelayQueue queue = new RelayQueue(temp.resolve("q2"));
        BlockingQueue<String> bounces = new LinkedBlockingQueue<>();
        long start = 1_000_000_000_000L;
        Clock later = Clock.fixed(Instant.ofEpochMilli(start + Duration.ofDays(6).toMillis()), ZoneOffset.UTC);
        RelayManager manager = live.call(() -> new RelayManager(live.reactor, queue, domain -> Deferred.succeed(List.of("smarthost")),
                host -> Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + remotePort), SmtpClientConfig.of("mx.example.org"),
                (to, bounce) -> {
                    bounces.add(to + "|" + new String(bounce, StandardCharsets.UTF_8));
                    return Deferred.succeed(null);
                }, "mx.example.org", later, RelaySchedule.DEFAULT));
        queue.enqueue("alice@example.org", List.of("later@remote.example"), "Subject: old\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), start);
        live.await(manager::runOnce);
        String bounce = bounces.poll(30, TimeUnit.SECONDS);
        assertNotNull(bounce);
        assertTrue(bounce.startsWith("alice@example.org|"), bounce);
        assertTrue(bounce.contains("Final-Recipient: rfc822; later@remote.example\r\nAction: failed\r\nStatus: 4.4.7\r\n"), bounce);
        assertTrue(bounce.contains("Content-Type: text/rfc822-headers\r\n\r\nSubject: old\r\n"), bounce);
        assertTrue(queue.all().isEmpty());
        assertEquals(Duration.ofMinutes(1), RelaySchedule.DEFAULT.delayAfter(1));
        assertEquals(Duration.ofMinutes(5), RelaySchedule.DEFAULT.delayAfter(2));
        assertEquals(Duration.ofHours(4), RelaySchedule.DEFAULT.delayAfter(40));
    }

    @Test
    void networksParseAndMatch() {
        RelayNetworks networks = RelayNetworks.parse(List.of("192.0.2.0/24", "::1/128", "10.1.2.3"));
        assertTrue(networks.contains("192.0.2.77"));
        assertTrue(networks.contains("::1"));
        assertTrue(networks.contains("10.1.2.3"));
        assertTrue(!networks.contains("192.0.3.1"));
        assertTrue(!networks.contains("10.1.2.4"));
        assertTrue(!networks.contains("example.org"));
        assertThrows(IllegalArgumentException.class, () -> RelayNetworks.parse(List.of("192.0.2.0/33")));
        assertThrows(IllegalArgumentException.class, () -> RelayNetworks.parse(List.of("localhost")));
    }

    private static List<StoredMessage> waitForMessages(MaildirFolder folder, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<StoredMessage> messages = folder.sync();
            if (messages.size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, messages.size());
                return messages;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the file system: the bounce is written on the reactor's thread pool
        }
    }

    private static List<QueuedMessage> waitForQueue(RelayQueue queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<QueuedMessage> all = queue.all();
            if ((all.size() == 1 && all.get(0).attempts() == 1) || System.nanoTime() > deadline) {
                assertEquals(1, all.size());
                return all;
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling the queue directory
        }
    }
}
