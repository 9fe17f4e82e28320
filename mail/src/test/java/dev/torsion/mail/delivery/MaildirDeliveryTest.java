package dev.torsion.mail.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.maildir.MaildirFolder;
import dev.torsion.mail.store.StoredMessage;
import dev.torsion.smtp.server.SmtpServer;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SMTP sessions on the memory transport delivering into real Maildirs. */
class MaildirDeliveryTest {
    @TempDir
    Path temp;

    private StringTransport session(Router router, String input) {
        MemoryReactor reactor = new MemoryReactor();
        SmtpServer server = new SmtpServer(SmtpServerConfig.of("mx.example.org"), new MaildirDelivery(reactor, router), reactor);
        StringTransport transport = new StringTransport();
        server.makeConnection(transport);
        for (String step : input.split("(?<=DATA\r\n)")) {
            server.dataReceived(step.getBytes(StandardCharsets.UTF_8));
        }
        return transport;
    }

    @Test
    void deliversToEveryRecipientOnceWithReturnPath() throws Exception {
        Path org = temp.resolve("example.org");
        Router router = new Router(List.of(new MailDomain("example.org", org, Set.of("alice", "bob"), null)),
                Aliases.parse(new StringReader("staff: alice, bob\n"), "aliases"));
        StringTransport transport = session(router, "EHLO c\r\nMAIL FROM:<carol@sender.example>\r\nRCPT TO:<alice@example.org>\r\n"
                + "RCPT TO:<staff@example.org>\r\nRCPT TO:<nobody@example.org>\r\nRCPT TO:<x@elsewhere.example>\r\nDATA\r\n"
                + "Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n");
        String out = transport.valueAsString();
        assertTrue(out.contains("250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 No such user here\r\n554 5.7.1 Relay access denied\r\n354 "), out);
        assertTrue(out.contains("250 2.0.0 Ok: queued as "), out);
        for (String user : new String[] {"alice", "bob"}) {
            List<StoredMessage> messages = new MaildirFolder(new Maildir(org.resolve(user))).sync();
            assertEquals(1, messages.size(), user + " gets one copy");
            String text = new String(new MaildirFolder(new Maildir(org.resolve(user))).read(messages.get(0).uid()), StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Return-Path: <carol@sender.example>\r\nReceived: from c "), text);
            assertTrue(text.endsWith("\r\nSubject: hi\r\n\r\nbody\r\n"), text);
        }
    }

    @Test
    void relayingIsRefusedEvenWhenAuthenticated() {
        Router router = new Router(List.of(new MailDomain("example.org", temp, Set.of("alice"), null)), Aliases.none());
        StringTransport transport = session(router, "EHLO c\r\nMAIL FROM:<>\r\nRCPT TO:<victim@elsewhere.example>\r\n");
        assertTrue(transport.valueAsString().endsWith("554 5.7.1 Relay access denied\r\n"));
    }
}
