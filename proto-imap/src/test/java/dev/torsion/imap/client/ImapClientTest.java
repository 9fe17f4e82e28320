package dev.torsion.imap.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.defer.Deferred;
import dev.torsion.imap.server.ImapServer;
import dev.torsion.imap.server.ImapServerConfig;
import dev.torsion.imap.support.MemoryAccount;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client against our server over the memory transport: every command, literals both ways, IDLE. */
class ImapClientTest {
    private final MemoryAccount account = new MemoryAccount();
    private final TestClock clock = new TestClock();

    private IOPump connect(ImapClient client) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "sec ret\"");
        Portal portal = new Portal((id, mind, ifaces) -> Deferred.succeed(new LoginResult(ifaces.get(0), account, () -> { })), clock, users);
        portal.setFailureDelay(Duration.ZERO);
        return IOPump.connect(new ImapServer(ImapServerConfig.of("imap.example.org", portal).allowingPlaintextLogin(), clock), client);
    }

    private static <T> T value(Deferred<T> d) {
        AtomicReference<Object> out = new AtomicReference<>();
        d.addBoth((v, f) -> {
            out.set(f == null ? v : f.value());
            return null;
        });
        if (out.get() instanceof Throwable t) {
            throw new AssertionError("failed: " + t, t);
        }
        return (T) out.get();
    }

    private static Throwable failure(Deferred<?> d) {
        AtomicReference<Throwable> out = new AtomicReference<>();
        d.addBoth((v, f) -> {
            out.set(f == null ? null : f.value());
            return null;
        });
        return out.get();
    }

    @Test
    void everyCommandAsADeferred() {
        account.inbox().add("Subject: one\r\n\r\nfirst\r\n").add("Subject: two\r\n\r\nsecond\r\n", "\\Seen");
        ImapClient client = new ImapClient();
        IOPump pump = connect(client);
        assertEquals("OK", value(client.greeting()).status());
        Deferred<Set<String>> caps = client.capability();
        Deferred<TaggedResult> login = client.login("alice", "sec ret\"");
        Deferred<MailboxStatus> select = client.select("INBOX", false);
        Deferred<List<Long>> search = client.search("UNSEEN", false);
        Deferred<List<FetchData>> fetch = client.fetch("1:*", "(UID FLAGS BODY.PEEK[])", true);
        Deferred<List<FetchData>> store = client.store("1", "+FLAGS", "(\\Flagged)", false);
        Deferred<Long> append = client.append("Entwürfe", "Subject: draft\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8), "\\Draft");
        Deferred<TaggedResult> create = client.create("Entwürfe");
        Deferred<Long> appendAgain = client.append("Entwürfe", "Subject: draft\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8), "\\Draft");
        Deferred<Map<String, List<String>>> list = client.list("", "*");
        Deferred<Map<String, Long>> status = client.status("Entwürfe", "MESSAGES", "UIDNEXT");
        Deferred<TaggedResult> copy = client.copy("2", "Trash", true);
        Deferred<List<FetchData>> delete = client.store("1", "+FLAGS.SILENT", "(\\Deleted)", false);
        Deferred<List<Integer>> expunge = client.expunge();
        Deferred<TaggedResult> logout = client.logout();
        pump.flush();
        assertTrue(value(caps).contains("IDLE"));
        assertTrue(value(login).code().startsWith("CAPABILITY "));
        MailboxStatus selected = value(select);
        assertEquals(2, selected.exists());
        assertEquals(1234, selected.uidValidity());
        assertEquals(3, selected.uidNext());
        assertEquals(List.of(1L), value(search));
        List<FetchData> fetched = value(fetch);
        assertEquals(2, fetched.size());
        assertEquals(2, fetched.get(1).uid());
        assertArrayEquals("Subject: two\r\n\r\nsecond\r\n".getBytes(StandardCharsets.US_ASCII), fetched.get(1).bytes("BODY[]"));
        assertEquals(List.of("\\Seen", "\\Recent"), fetched.get(1).flags());
        assertEquals(List.of("\\Flagged", "\\Recent"), value(store).get(0).flags());
        ImapCommandFailed refused = assertInstanceOf(ImapCommandFailed.class, failure(append));
        assertEquals("TRYCREATE", refused.code());
        value(create);
        assertEquals(1L, value(appendAgain));
        Map<String, List<String>> mailboxes = value(list);
        assertTrue(mailboxes.containsKey("Entwürfe"), mailboxes.toString());
        assertEquals(Map.of("MESSAGES", 1L, "UIDNEXT", 2L), value(status));
        assertEquals("COPYUID 1234 2 1", value(copy).code());
        value(delete);
        assertEquals(List.of(1), value(expunge));
        value(logout);
        assertEquals(ClientState.CLOSED, client.state());
    }

    @Test
    void idleDeliversUntaggedDataToTheListener() {
        ImapClient client = new ImapClient();
        IOPump pump = connect(client);
        List<String> seen = new ArrayList<>();
        client.setListener(r -> seen.add(r.text(0) + " " + r.text(1)));
        client.authenticatePlain("alice", "sec ret\"");
        client.select("INBOX", false);
        ImapClient.Idle idle = client.idle();
        pump.flush();
        assertTrue(idle.started().isCalled());
        account.inbox().add("Subject: new\r\n\r\nnew\r\n");
        clock.advance(Duration.ofMillis(500));
        pump.flush();
        assertEquals(List.of("1 EXISTS", "1 RECENT"), seen);
        Deferred<TaggedResult> done = idle.done();
        pump.flush();
        assertEquals("IDLE terminated", value(done).text());
    }

    @Test
    void aRefusedLoginFailsOnlyItsDeferred() {
        ImapClient client = new ImapClient();
        IOPump pump = connect(client);
        Deferred<TaggedResult> bad = client.login("alice", "wrong");
        Deferred<TaggedResult> good = client.login("alice", "sec ret\"");
        pump.flush();
        assertEquals("AUTHENTICATIONFAILED", ((ImapCommandFailed) failure(bad)).code());
        assertEquals("Logged in", value(good).text());
    }

    @Test
    void condstoreAndQresyncForms() {
        account.inbox().add("Subject: one\r\n\r\nfirst\r\n").add("Subject: two\r\n\r\nsecond\r\n", "\\Seen")
                .add("Subject: three\r\n\r\nthird\r\n");
        ImapClient client = new ImapClient();
        IOPump pump = connect(client);
        client.login("alice", "sec ret\"");
        Deferred<MailboxStatus> condStore = client.selectCondStore("INBOX", false);
        Deferred<Changes> changed = client.fetchChangedSince("1:*", "(FLAGS)", 3, true, false);
        Deferred<ConditionalStore> conditional = client.storeUnchangedSince("1:3", 2, "+FLAGS", "(\\Flagged)", true);
        Deferred<List<Long>> search = client.search("MODSEQ 4", false);
        Deferred<TaggedResult> close = client.close();
        pump.flush();
        // MODSEQs: UID 1 is 2, UID 2 is 3, UID 3 is 4; the conditional STORE gives UID 1 MODSEQ 5.
        assertEquals(4, value(condStore).highestModSeq());
        Changes sinceThree = value(changed);
        assertEquals(List.of(3L), sinceThree.changed().stream().map(FetchData::uid).toList());
        assertEquals(4, sinceThree.changed().get(0).modSeq());
        assertEquals("", sinceThree.vanished());
        ConditionalStore stored = value(conditional);
        assertEquals("2:3", stored.modified());
        assertEquals(5, stored.fetched().get(0).modSeq());
        assertEquals(List.of(1L, 3L), value(search));
        value(close);
        account.inbox().expunge(List.of(2L));
        Deferred<Set<String>> enabled = client.enable("QRESYNC");
        Deferred<QresyncSelect> resync = client.selectQresync("INBOX", true, 1234, 4, "1:3");
        Deferred<Changes> vanished = client.fetchChangedSince("1:*", "(FLAGS)", 4, true, true);
        pump.flush();
        assertEquals(Set.of("QRESYNC"), value(enabled));
        QresyncSelect selected = value(resync);
        assertEquals(6, selected.status().highestModSeq());
        assertEquals("2", selected.changes().vanished());
        assertEquals(List.of(1L), selected.changes().changed().stream().map(FetchData::uid).toList());
        assertEquals(List.of("\\Flagged"), selected.changes().changed().get(0).flags());
        Changes sinceFour = value(vanished);
        assertTrue(sinceFour.vanishedSet().contains(2, 3));
        assertEquals(List.of(1L), sinceFour.changed().stream().map(FetchData::uid).toList());
    }

    @Test
    void imap4rev2NamesInUtf8AndSearchAnsweredByEsearch() {
        account.inbox().add("Subject: one\r\n\r\nfirst\r\n").add("Subject: two\r\n\r\nsecond\r\n", "\\Seen")
                .add("Subject: three\r\n\r\nthird\r\n");
        ImapClient client = new ImapClient();
        IOPump pump = connect(client);
        client.login("alice", "sec ret\"");
        Deferred<Set<String>> enabled = client.enable("IMAP4rev2");
        pump.flush();
        assertEquals(Set.of("IMAP4REV2"), value(enabled));
        assertTrue(client.rev2());
        // Names are sent as typed once rev2 is on: a name with '&' is just that.
        Deferred<TaggedResult> create = client.create("Entwürfe & Co");
        Deferred<Map<String, List<String>>> list = client.list("", "Entw*");
        Deferred<MailboxStatus> select = client.select("INBOX", false);
        Deferred<List<Long>> unseen = client.search("UNSEEN", false);
        Deferred<List<Long>> uids = client.search("ALL", true);
        Deferred<List<Long>> none = client.search("DELETED", false);
        pump.flush();
        assertEquals("CREATE completed", value(create).text());
        assertTrue(account.mailboxes.containsKey("Entwürfe & Co"), account.mailboxes.keySet().toString());
        assertEquals(Set.of("Entwürfe & Co"), value(list).keySet());
        assertEquals(3L, value(select).exists());
        assertEquals(List.of(1L, 3L), value(unseen));
        assertEquals(List.of(1L, 2L, 3L), value(uids));
        assertEquals(List.of(), value(none));
    }
}
