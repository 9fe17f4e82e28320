package dev.torsion.imap.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.client.Changes;
import dev.torsion.imap.client.ConditionalStore;
import dev.torsion.imap.client.FetchData;
import dev.torsion.imap.client.ImapClient;
import dev.torsion.imap.client.ImapResponse;
import dev.torsion.imap.client.MailboxStatus;
import dev.torsion.imap.client.QresyncSelect;
import dev.torsion.imap.client.TaggedResult;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.testing.DovecotPeer;
import dev.torsion.netty.testing.LiveReactor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** Our IMAP client against Dovecot's imapd on loopback: every command, literals both ways, IDLE, CONDSTORE and QRESYNC. */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class ImapClientDovecotInteropTest {
    private static final byte[] FIRST = "Subject: first\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "Subject: second\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGrüße\r\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path temp;
    static LiveReactor live;
    static DovecotPeer dovecot;
    static int port;
    static Path maildir;

    @BeforeAll
    static void start() throws Exception {
        Path home = temp.resolve("home").resolve("alice");
        maildir = home.resolve("Maildir");
        for (String sub : new String[] {"new", "cur", "tmp"}) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.write(maildir.resolve("new").resolve("1733400000.M1P1Q1.test"), FIRST);
        Files.write(maildir.resolve("new").resolve("1733400001.M1P1Q2.test"), SECOND);
        dovecot = DovecotPeer.start(temp, temp.resolve("home"), "imap", "alice", "secret");
        port = dovecot.port();
        live = new LiveReactor();
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
        dovecot.close();
    }

    private static ImapClient connect() throws Exception {
        ImapClient client = new ImapClient();
        live.await(() -> Endpoints.connectProtocol(Endpoints.clientFromString(live.reactor, "tcp:127.0.0.1:" + port), client)
                .addCallbackDeferred(c -> client.greeting()));
        return client;
    }

    @Test
    void everyCommandAgainstDovecot() throws Exception {
        ImapClient client = connect();
        Set<String> caps = live.await(client::capability);
        assertTrue(caps.contains("IMAP4REV1") && caps.contains("IDLE"), caps.toString());
        live.await(() -> client.login("alice", "secret"));
        MailboxStatus inbox = live.await(() -> client.select("INBOX", false));
        assertEquals(2, inbox.exists());
        assertTrue(inbox.uidValidity() > 0);
        List<FetchData> bodies = live.await(() -> client.fetch("1:2", "(UID BODY.PEEK[] BODYSTRUCTURE)", false));
        assertArrayEquals(FIRST, bodies.get(0).bytes("BODY[]"));
        assertArrayEquals(SECOND, bodies.get(1).bytes("BODY[]"));
        assertEquals(List.of(2L), live.await(() -> client.search("SUBJECT second", false)));
        assertEquals(List.of("\\Flagged", "\\Recent"), live.await(() -> client.store("1", "+FLAGS", "(\\Flagged)", false)).get(0).flags());
        live.await(() -> client.create("Archiv.Entwürfe"));
        Map<String, List<String>> mailboxes = live.await(() -> client.list("", "*"));
        assertTrue(mailboxes.keySet().stream().anyMatch(n -> n.endsWith("Entwürfe")), mailboxes.toString());
        TaggedResult copied = live.await(() -> client.copy("1", "INBOX", false));
        assertTrue(copied.code() == null || copied.code().startsWith("COPYUID"), copied.toString());
        long appended = live.await(() -> client.append("INBOX", "Subject: appended\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII), "\\Seen"));
        assertTrue(appended > 0, "APPENDUID " + appended);
        Map<String, Long> status = live.await(() -> client.status("INBOX", "MESSAGES", "UIDNEXT"));
        assertEquals(4L, status.get("MESSAGES"));
        live.await(() -> client.store("3", "+FLAGS.SILENT", "(\\Deleted)", false));
        assertEquals(List.of(3), live.await(client::expunge));
        live.await(client::logout);
    }

    /**
     * Dovecot 2.3 offers no IMAP4rev2 (its CAPABILITY lacks it and ENABLE leaves it off), so the
     * client stays IMAP4rev1; the rev2 base extensions Dovecot does have are checked instead:
     * SEARCHRES's SAVE and $, ESEARCH, BINARY and BINARY.SIZE with a literal8 answer (NUL octets).
     */
    @Test
    void rev2BaseExtensionsAgainstDovecot() throws Exception {
        ImapClient client = connect();
        live.await(() -> client.login("alice", "secret"));
        Set<String> caps = live.await(client::capability);
        assertTrue(caps.containsAll(Set.of("SEARCHRES", "ESEARCH", "BINARY")), caps.toString());
        assertFalse(caps.contains("IMAP4REV2"), caps.toString());
        assertEquals(Set.of(), live.await(() -> client.enable("IMAP4rev2")));
        assertFalse(client.rev2());
        live.await(() -> client.create("Binary"));
        byte[] attachment = {'a', 0, 'b', 0, 0, 'c'};
        String base64 = Base64.getEncoder().encodeToString(attachment);
        byte[] message = ("Subject: bin\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n\r\ncaf=C3=A9\r\n--B\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n--B--\r\n").getBytes(StandardCharsets.US_ASCII);
        live.await(() -> client.append("Binary", message));
        live.await(() -> client.append("Binary", "Subject: other\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
        live.await(() -> client.select("Binary", false));
        live.await(() -> client.command("SEARCH", "RETURN", "(SAVE)", "SUBJECT", "bin"));
        List<FetchData> saved = live.await(() -> client.fetch("$", "(BINARY.PEEK[2] BINARY.SIZE[2] BINARY.PEEK[1])", false));
        assertEquals(1, saved.size());
        assertEquals(1L, saved.get(0).seq());
        assertArrayEquals(attachment, saved.get(0).bytes("BINARY[2]"));
        assertEquals("6", ImapResponse.asText(saved.get(0).items().get("BINARY.SIZE[2]")));
        assertArrayEquals("café".getBytes(StandardCharsets.UTF_8), saved.get(0).bytes("BINARY[1]"));
        assertEquals(List.of(1L, 2L), live.await(() -> client.search("RETURN (ALL) ALL", false)));
        live.await(client::logout);
    }

    @Test
    void condstoreAndQresyncAgainstDovecot() throws Exception {
        ImapClient writer = connect();
        live.await(() -> writer.login("alice", "secret"));
        // Dovecot lists its extensions once logged in.
        Set<String> caps = live.await(writer::capability);
        assertTrue(caps.contains("CONDSTORE") && caps.contains("QRESYNC"), caps.toString());
        live.await(() -> writer.create("Sync"));
        List<Long> uids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] message = ("Subject: sync " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII);
            uids.add(live.await(() -> writer.append("Sync", message)));
        }
        MailboxStatus status = live.await(() -> writer.selectCondStore("Sync", false));
        long highest = status.highestModSeq();
        assertTrue(highest > 0, status.toString());
        live.await(() -> writer.store("1", "+FLAGS", "(\\Flagged)", false));
        Changes changed = live.await(() -> writer.fetchChangedSince("1:*", "(FLAGS)", highest, true, false));
        assertEquals(List.of(uids.get(0)), changed.changed().stream().map(FetchData::uid).toList());
        assertTrue(changed.changed().get(0).modSeq() > highest, changed.toString());
        // The writer's SELECT was the first to see the appended messages: Dovecot adds \Recent.
        assertEquals(List.of("\\Flagged"), changed.changed().get(0).flags().stream().filter(f -> !f.equals("\\Recent")).toList());
        // Message 1 changed after `highest`: Dovecot refuses it and names it in MODIFIED; message 2 gets \Answered.
        ConditionalStore conditional = live.await(() -> writer.storeUnchangedSince("1:2", highest, "+FLAGS", "(\\Answered)", false));
        assertEquals("1", conditional.modified());
        assertEquals(List.of(2L), conditional.fetched().stream().map(FetchData::seq).toList());
        assertTrue(conditional.fetched().get(0).modSeq() > highest, conditional.toString());
        live.await(() -> writer.store("3", "+FLAGS.SILENT", "(\\Deleted)", false));
        assertEquals(List.of(3), live.await(writer::expunge));
        live.await(writer::logout);

        // A client that knew the mailbox at `highest` comes back with QRESYNC.
        ImapClient reader = connect();
        live.await(() -> reader.login("alice", "secret"));
        assertEquals(Set.of("QRESYNC"), live.await(() -> reader.enable("QRESYNC")));
        QresyncSelect resync = live.await(() -> reader.selectQresync("Sync", true, status.uidValidity(), highest,
                uids.get(0) + ":" + uids.get(2)));
        assertTrue(resync.status().highestModSeq() > highest, resync.toString());
        assertTrue(resync.changes().vanishedSet().contains(uids.get(2), uids.get(2)), resync.toString());
        assertFalse(resync.changes().vanishedSet().contains(uids.get(0), uids.get(2)), resync.toString());
        assertEquals(uids.subList(0, 2), resync.changes().changed().stream().map(FetchData::uid).toList());
        Changes fetched = live.await(() -> reader.fetchChangedSince("1:*", "(FLAGS)", highest, true, true));
        assertTrue(fetched.vanishedSet().contains(uids.get(2), uids.get(2)), fetched.toString());
        assertEquals(List.of(List.of("\\Flagged"), List.of("\\Answered")), fetched.changed().stream().map(FetchData::flags).toList());
        live.await(reader::logout);
    }

    @Test
    void idleSeesAnAppendFromAnotherClient() throws Exception {
        ImapClient watcher = connect();
        live.await(() -> watcher.login("alice", "secret"));
        long before = live.await(() -> watcher.select("INBOX", false)).exists();
        CompletableFuture<String> exists = new CompletableFuture<>();
        watcher.setListener(r -> {
            if (r.items().size() == 2 && "EXISTS".equalsIgnoreCase(r.text(1))) {
                exists.complete(r.text(0));
            }
        });
        ImapClient.Idle idle = live.call(watcher::idle);
        live.await(idle::started);
        ImapClient writer = connect();
        live.await(() -> writer.login("alice", "secret"));
        live.await(() -> writer.append("INBOX", "Subject: while idling\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Long.toString(before + 1), exists.get(30, TimeUnit.SECONDS));
        TaggedResult done = live.await(idle::done);
        assertTrue(done.untagged().isEmpty() || done.untagged().stream().allMatch(ImapResponse::untagged), done.toString());
        live.await(writer::logout);
        live.await(watcher::logout);
    }
}
