package dev.torsion.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.imap.client.ImapClient;
import dev.torsion.imap.client.ImapCommandFailed;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * proto-imap's client and server with cred and the mail store over real sockets on epoll: STARTTLS
 * on a plain listener (LOGINDISABLED until TLS) and implicit TLS on a Netty TLS listener (RFC
 * 8314), the message read back byte-identical.
 */
class ImapOverTlsTest {
    private static final byte[] MESSAGE = "From: carol@example.net\r\nSubject: over TLS\r\n\r\nGrüße\r\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void startTlsAndImplicitTls() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
        MailDomain domain = new MailDomain("example.org", dir.resolve("example.org"), Set.of("alice"), null);
        domain.maildirOf("alice").create().deliver(MESSAGE);
        MailSettings settings = new MailSettings("localhost", List.of(domain), Aliases.none(),
                List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret")), cert.serverOptions());
        try (ReactorThread thread = ReactorThread.start("epoll")) {
            MailService mail = thread.call(() -> new MailService(thread.reactor(), settings));
            int plain = thread.call(() -> ReactorThread.portOf(thread.reactor().listenTCP(0, mail.imapFactory(), 50, "127.0.0.1")));
            int implicit = thread.call(() -> ReactorThread.portOf(thread.reactor().listenSSL(0, mail.implicitTlsImapFactory(),
                    cert.serverOptions(), 50, "127.0.0.1")));

            ImapClient starttls = new ImapClient();
            thread.run(() -> thread.reactor().connectTCP("127.0.0.1", plain, Factories.clientOf(starttls), ReactorThread.PATIENCE, null));
            thread.await(starttls::greeting);
            Set<String> before = thread.await(starttls::capability);
            assertTrue(before.contains("STARTTLS") && before.contains("LOGINDISABLED"), before.toString());
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> thread.await(() -> starttls.login("alice@example.org", "secret")));
            assertEquals("PRIVACYREQUIRED", ((ImapCommandFailed) refused.getCause()).code());
            thread.await(() -> starttls.startTls(cert.clientOptions("localhost")));
            Set<String> after = thread.await(starttls::capability);
            assertTrue(after.contains("AUTH=PLAIN") && !after.contains("STARTTLS"), after.toString());
            readBack(thread, starttls, false);

            ImapClient tls = new ImapClient();
            thread.run(() -> thread.reactor().connectSSL("127.0.0.1", implicit, Factories.clientOf(tls), cert.clientOptions("localhost"),
                    ReactorThread.PATIENCE, null));
            thread.await(tls::greeting);
            assertFalse(thread.await(tls::capability).contains("LOGINDISABLED"));
            readBack(thread, tls, true);
        }
    }

    private static void readBack(ReactorThread thread, ImapClient client, boolean sasl) throws Exception {
        thread.await(() -> sasl ? client.authenticatePlain("alice@example.org", "secret") : client.login("alice@example.org", "secret"));
        assertEquals(1, thread.await(() -> client.select("INBOX", true)).exists());
        assertArrayEquals(MESSAGE, thread.await(() -> client.fetch("1", "BODY.PEEK[]", false)).get(0).bytes("BODY[]"));
        thread.await(client::logout);
    }
}
