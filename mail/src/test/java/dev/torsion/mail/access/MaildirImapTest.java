package dev.torsion.mail.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.mail.support.ImapLineClient;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMAP over real sockets on the Maildir store that SMTP delivers into: flags land in file names
 * as Dovecot writes them, folders are Maildir++ directories, a delivery reaches an IDLE session
 * within a second, one session's EXPUNGE reaches another at its next command, and MODSEQs survive a
 * restart for a QRESYNC client to catch up.
 */
class MaildirImapTest {
    @TempDir
    Path temp;
    LiveReactor live;
    ListeningPort imap;
    int port;
    Maildir alice;

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        MailDomain domain = new MailDomain("example.org", temp.resolve("example.org"), Set.of("alice"), null);
        alice = domain.maildirOf("alice").create();
        MailSettings settings = new MailSettings("localhost", List.of(domain), Aliases.none(),
                List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice@example.org", "secret")), null);
        MailService service = live.call(() -> new MailService(live.reactor, settings));
        imap = live.call(() -> live.reactor.listenTCP(0, service.imapFactory(), 50, "127.0.0.1"));
        port = ((IPv4Address) imap.getHost()).port();
    }

    @AfterEach
    void stop() throws Exception {
        live.call(() -> imap.stopListening());
        live.close();
    }

    private ImapLineClient loggedIn() throws Exception {
        ImapLineClient client = new ImapLineClient(port);
        assertTrue(client.command("l", "LOGIN alice@example.org secret").contains("l OK "));
        return client;
    }

    private List<String> curNames() throws Exception {
        try (Stream<Path> files = Files.list(alice.root().resolve("cur"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void flagsLiveInFileNamesAsDovecotWritesThem() throws Exception {
        alice.deliver("Subject: hello\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ImapLineClient client = loggedIn()) {
            String select = client.command("s", "SELECT INBOX");
            assertTrue(select.contains("* 1 EXISTS\r\n* 1 RECENT\r\n"), select);
            assertTrue(select.contains("[PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)]"), select);
            assertEquals("* 1 FETCH (BODY[] {24}\r\nSubject: hello\r\n\r\nbody\r\n FLAGS (\\Seen \\Recent))\r\nf OK FETCH completed\r\n",
                    client.command("f", "FETCH 1 BODY[]"));
            client.command("a", "STORE 1 +FLAGS.SILENT (\\Answered $Forwarded \\Flagged)");
            assertEquals(1, curNames().size());
            assertTrue(curNames().get(0).endsWith(":2,FPRS"), curNames().toString());
            String fetch = client.command("g", "FETCH 1 (INTERNALDATE RFC822.SIZE)");
            assertTrue(fetch.matches("(?s)\\* 1 FETCH \\(INTERNALDATE \"\\d\\d-\\w{3}-\\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\" RFC822.SIZE 24\\).*"), fetch);
        }
    }

    @Test
    void foldersAreMaildirPlusPlus() throws Exception {
        try (ImapLineClient client = loggedIn()) {
            assertEquals("c OK CREATE completed\r\n", client.command("c", "CREATE Sent"));
            assertEquals("d OK CREATE completed\r\n", client.command("d", "CREATE Projekte.Entw&APw-rfe"));
            assertTrue(Files.isDirectory(alice.root().resolve(".Sent").resolve("cur")));
            assertTrue(Files.isDirectory(alice.root().resolve(".Projekte.Entw&APw-rfe").resolve("new")));
            assertEquals("* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n* LIST (\\Noselect \\HasChildren) \".\" \"Projekte\"\r\n"
                    + "* LIST (\\HasNoChildren) \".\" \"Projekte.Entw&APw-rfe\"\r\n* LIST (\\Sent \\HasNoChildren) \".\" \"Sent\"\r\n"
                    + "l OK LIST completed\r\n", client.command("l", "LIST \"\" *"));
            String append = client.command("a", "APPEND Sent (\\Seen) \"05-Dec-2026 10:00:00 +0100\" {12+}\r\nSubject: x\r\n");
            assertTrue(append.matches("a OK \\[APPENDUID \\d+ 1\\] APPEND completed\r\n"), append);
            assertEquals("* STATUS \"Sent\" (MESSAGES 1 UNSEEN 0)\r\nt OK STATUS completed\r\n", client.command("t", "STATUS Sent (MESSAGES UNSEEN)"));
            client.command("e", "EXAMINE Sent");
            assertEquals("* 1 FETCH (INTERNALDATE \"05-Dec-2026 09:00:00 +0000\")\r\nf OK FETCH completed\r\n",
                    client.command("f", "FETCH 1 INTERNALDATE"));
            assertEquals("r OK RENAME completed\r\n", client.command("r", "RENAME Projekte Work"));
            assertTrue(Files.isDirectory(alice.root().resolve(".Work.Entw&APw-rfe").resolve("cur")));
        }
    }

    @Test
    void aDeliveryReachesAnIdleSessionWithinASecond() throws Exception {
        try (ImapLineClient client = loggedIn()) {
            client.command("s", "SELECT INBOX");
            client.send("i IDLE\r\n");
            assertEquals("+ idling\r\n", client.readResponse());
            long start = System.nanoTime();
            alice.deliver("Subject: new\r\n\r\nnew\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("* 1 EXISTS\r\n", client.readResponse());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 1000, millis + " ms");
            assertEquals("* 1 RECENT\r\n", client.readResponse());
            client.send("DONE\r\n");
            assertEquals("i OK IDLE terminated\r\n", client.readResponse());
        }
    }

    @Test
    void anExpungeReachesTheOtherSessionAtItsNextCommand() throws Exception {
        alice.deliver("Subject: one\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.deliver("Subject: two\r\n\r\n2\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ImapLineClient first = loggedIn(); ImapLineClient second = loggedIn()) {
            first.command("s", "SELECT INBOX");
            second.command("s", "SELECT INBOX");
            assertEquals("* 1 FETCH (FLAGS (\\Deleted \\Recent))\r\na OK STORE completed\r\n", first.command("a", "STORE 1 +FLAGS (\\Deleted)"));
            assertEquals("* 1 EXPUNGE\r\ne OK EXPUNGE completed\r\n", first.command("e", "EXPUNGE"));
            // FETCH may not carry the EXPUNGE (RFC 3501 §7.4.1); NOOP does.
            assertEquals("* 2 FETCH (UID 2)\r\nf OK FETCH completed\r\n", second.command("f", "FETCH 2 UID"));
            assertEquals("* 1 EXPUNGE\r\nn OK NOOP completed\r\n", second.command("n", "NOOP"));
            assertEquals("* 1 FETCH (UID 2)\r\ng OK FETCH completed\r\n", second.command("g", "FETCH 1 UID"));
        }
    }

    private static long code(String responses, String name) {
        Matcher m = Pattern.compile("\\[" + name + " (\\d+)\\]").matcher(responses);
        assertTrue(m.find(), responses);
        return Long.parseLong(m.group(1));
    }

    @Test
    void modSeqSurvivesARestartAndQresyncCatchesUp() throws Exception {
        alice.deliver("Subject: one\r\n\r\n1\r\n".getBytes(StandardCharsets.US_ASCII));
        alice.deliver("Subject: two\r\n\r\n2\r\n".getBytes(StandardCharsets.US_ASCII));
        long highest;
        long validity;
        try (ImapLineClient client = loggedIn()) {
            String select = client.command("s", "SELECT INBOX (CONDSTORE)");
            highest = code(select, "HIGHESTMODSEQ");
            validity = code(select, "UIDVALIDITY");
            assertEquals("* 1 FETCH (MODSEQ (" + (highest + 1) + "))\r\na OK STORE completed\r\n",
                    client.command("a", "STORE 1 +FLAGS.SILENT (\\Flagged)"));
            client.command("b", "UID STORE 2 +FLAGS.SILENT (\\Deleted)");
            assertEquals("* 2 EXPUNGE\r\ne OK EXPUNGE completed\r\n", client.command("e", "EXPUNGE"));
        }
        // A restart: a new reactor and a new service on the same Maildir, as a new process would have.
        stop();
        start();
        try (ImapLineClient client = loggedIn()) {
            assertEquals("* ENABLED QRESYNC\r\nq OK ENABLE completed\r\n", client.command("q", "ENABLE QRESYNC"));
            String select = client.command("s", "SELECT INBOX (QRESYNC (" + validity + " " + highest + " 1:2))");
            assertEquals("* OK [HIGHESTMODSEQ " + (highest + 3) + "] Highest\r\n* VANISHED (EARLIER) 2\r\n"
                    + "* 1 FETCH (FLAGS (\\Flagged) UID 1 MODSEQ (" + (highest + 1) + "))\r\ns OK [READ-WRITE] SELECT completed\r\n",
                    select.substring(select.indexOf("* OK [HIGHESTMODSEQ")));
            assertEquals("* 1 FETCH (UID 1 MODSEQ (" + (highest + 1) + "))\r\nf OK FETCH completed\r\n",
                    client.command("f", "UID FETCH 1:* (UID) (CHANGEDSINCE " + highest + ")"));
        }
    }
}
