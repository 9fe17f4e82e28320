package dev.torsion.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.imap.support.MemoryMailbox;
import dev.torsion.imap.support.Wire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONDSTORE and QRESYNC (RFC 7162) on the memory account, exact on the wire, each exchange sent
 * whole and byte by byte. INBOX holds UID 1 (MODSEQ 2) and UID 2 (\Seen, MODSEQ 3); its
 * HIGHESTMODSEQ is 3.
 */
class CondstoreQresyncTest {
    static final String LOGIN = "l LOGIN alice secret\r\n";
    static final String IN = "l OK [CAPABILITY " + ImapServerTest.CAPS + "] Logged in\r\n";
    static final String SELECT_LINES = "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
            + "* 2 EXISTS\r\n* 2 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n* OK [UIDVALIDITY 1234] UIDs valid\r\n"
            + "* OK [UIDNEXT 3] Predicted next UID\r\n";

    private static Wire wire() {
        Wire wire = new Wire();
        wire.account.inbox().add("Subject: one\r\n\r\n1\r\n").add("Subject: two\r\n\r\n2\r\n", "\\Seen");
        wire.take();
        return wire;
    }

    /** Sends {@code input} whole or byte by byte and answers everything the server wrote since the last call. */
    private static String exchange(Wire wire, String input, boolean byteByByte) {
        wire.send(input.getBytes(StandardCharsets.UTF_8), byteByByte);
        return wire.take();
    }

    private static Wire selected(boolean byteByByte, String select) {
        Wire wire = wire();
        exchange(wire, LOGIN + select, byteByByte);
        return wire;
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void selectWithCondstoreTellsHighestModSeq(boolean byteByByte) {
        Wire wire = wire();
        assertEquals(IN + SELECT_LINES + "* OK [HIGHESTMODSEQ 3] Highest\r\ns OK [READ-WRITE] SELECT completed\r\n",
                exchange(wire, LOGIN + "s SELECT INBOX (CONDSTORE)\r\n", byteByByte));
        // Once enabled, every SELECT and EXAMINE tells HIGHESTMODSEQ; the mailbox selected before is CLOSED first.
        assertEquals("* OK [CLOSED] Previous mailbox closed\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [PERMANENTFLAGS ()] Flags permitted\r\n* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n"
                + "* OK [UIDVALIDITY 1234] UIDs valid\r\n* OK [UIDNEXT 3] Predicted next UID\r\n* OK [HIGHESTMODSEQ 3] Highest\r\n"
                + "e OK [READ-ONLY] EXAMINE completed\r\n", exchange(wire, "e EXAMINE INBOX\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void enableListsWhatItEnabledAndTellsHighestModSeqWhenSelected(boolean byteByByte) {
        Wire wire = selected(byteByByte, "s SELECT INBOX\r\n");
        assertEquals("* ENABLED CONDSTORE\r\n* OK [HIGHESTMODSEQ 3] Highest\r\na OK ENABLE completed\r\n"
                + "* ENABLED QRESYNC\r\nb OK ENABLE completed\r\n* ENABLED\r\nc OK ENABLE completed\r\n",
                exchange(wire, "a ENABLE CONDSTORE X-UNKNOWN\r\nb ENABLE QRESYNC CONDSTORE\r\nc ENABLE IMAP4rev2 QRESYNC\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void fetchModSeqEnablesCondstoreAndChangedSinceFilters(boolean byteByByte) {
        Wire wire = selected(byteByByte, "s SELECT INBOX\r\n");
        assertEquals("* OK [HIGHESTMODSEQ 3] Highest\r\n* 1 FETCH (MODSEQ (2))\r\n* 2 FETCH (MODSEQ (3))\r\na OK FETCH completed\r\n"
                + "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) MODSEQ (3))\r\nb OK FETCH completed\r\n"
                + "* 1 FETCH (FLAGS (\\Recent) MODSEQ (2))\r\n* 2 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (3))\r\nc OK FETCH completed\r\n"
                + "d OK FETCH completed\r\n",
                exchange(wire, "a FETCH 1:* MODSEQ\r\nb UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 2)\r\nc FETCH 1:* FLAGS (CHANGEDSINCE 0)\r\n"
                        + "d FETCH 1:* FLAGS (CHANGEDSINCE 9223372036854775807)\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void storeUnchangedSinceReportsModified(boolean byteByByte) {
        Wire wire = selected(byteByByte, "s SELECT INBOX (CONDSTORE)\r\n");
        // UID 1 has MODSEQ 2, UID 2 MODSEQ 3: UNCHANGEDSINCE 2 passes the first and refuses the second.
        assertEquals("* 1 FETCH (FLAGS (\\Flagged \\Recent) MODSEQ (4))\r\na OK [MODIFIED 2] Conditional STORE failed\r\n"
                + "* 2 FETCH (UID 2 MODSEQ (5))\r\nb OK [MODIFIED 1] Conditional STORE failed\r\n"
                + "c OK [MODIFIED 1:2] Conditional STORE failed\r\n"
                + "* 2 FETCH (FLAGS (\\Answered \\Seen \\Recent) UID 2 MODSEQ (5))\r\nd OK STORE completed\r\n",
                exchange(wire, "a STORE 1:2 (UNCHANGEDSINCE 2) +FLAGS (\\Flagged)\r\nb UID STORE 2,1 (UNCHANGEDSINCE 3) +FLAGS.SILENT (\\Answered)\r\n"
                        + "c STORE 1:2 (UNCHANGEDSINCE 0) FLAGS ()\r\nd UID STORE 2 +FLAGS (\\Seen)\r\n", byteByByte));
        assertEquals(Set.of("\\Flagged"), wire.account.inbox().flagsOf(1));
        assertEquals(Set.of("\\Seen", "\\Answered"), wire.account.inbox().flagsOf(2));
        assertEquals(5, wire.account.inbox().highestModSeq());
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void searchModSeqTellsTheHighestFound(boolean byteByByte) {
        Wire wire = selected(byteByByte, "s SELECT INBOX\r\n");
        assertEquals("* OK [HIGHESTMODSEQ 3] Highest\r\n* SEARCH 2 (MODSEQ 3)\r\na OK SEARCH completed\r\n"
                + "* SEARCH 1 2 (MODSEQ 3)\r\nb OK SEARCH completed\r\n* SEARCH\r\nc OK SEARCH completed\r\n"
                + "* SEARCH 1\r\nd OK SEARCH completed\r\n",
                exchange(wire, "a SEARCH MODSEQ 3\r\nb UID SEARCH MODSEQ \"/flags/\\\\draft\" all 0\r\nc SEARCH MODSEQ 4\r\n"
                        + "d SEARCH UNSEEN\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void statusHighestModSeq(boolean byteByByte) {
        Wire wire = wire();
        wire.account.mailboxes.put("Old", new MemoryMailbox().withoutModSeqs());
        assertEquals(IN + "* STATUS \"INBOX\" (HIGHESTMODSEQ 3 MESSAGES 2)\r\na OK STATUS completed\r\n"
                + "* STATUS \"Old\" (HIGHESTMODSEQ 0)\r\nb OK STATUS completed\r\n",
                exchange(wire, LOGIN + "a STATUS INBOX (HIGHESTMODSEQ MESSAGES)\r\nb STATUS Old (HIGHESTMODSEQ)\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void aMailboxWithoutModSeqsIsNomodseq(boolean byteByByte) {
        Wire wire = new Wire();
        wire.account.mailboxes.put("Old", new MemoryMailbox().withoutModSeqs().add("Subject: x\r\n\r\nx\r\n"));
        String out = exchange(wire, LOGIN + "s SELECT Old (CONDSTORE)\r\na FETCH 1 MODSEQ\r\nb STORE 1 (UNCHANGEDSINCE 5) +FLAGS (\\Seen)\r\n"
                + "c SEARCH MODSEQ 1\r\nd FETCH 1 FLAGS\r\n", byteByByte);
        assertEquals("* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\ns OK [READ-WRITE] SELECT completed\r\n"
                + "a BAD Mailbox does not support mod-sequences\r\nb BAD Mailbox does not support mod-sequences\r\n"
                + "c BAD Mailbox does not support mod-sequences\r\n* 1 FETCH (FLAGS (\\Recent))\r\nd OK FETCH completed\r\n",
                out.substring(out.indexOf("* OK [NOMODSEQ]")));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void othersChangesCarryModSeqOnceEnabled(boolean byteByByte) {
        Wire wire = selected(byteByByte, "s SELECT INBOX (CONDSTORE)\r\n");
        wire.account.inbox().setFlags(1, "\\Answered");
        wire.account.inbox().setFlags(2, "\\Seen");
        // UID 2's flags are as they were, but its MODSEQ moved: a CONDSTORE client is told (RFC 7162 §3.1.4).
        assertEquals("* 1 FETCH (FLAGS (\\Answered \\Recent) MODSEQ (4))\r\n* 2 FETCH (FLAGS (\\Seen \\Recent) MODSEQ (5))\r\n"
                + "n OK NOOP completed\r\n", exchange(wire, "n NOOP\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void qresyncSelectTellsVanishedAndChanged(boolean byteByByte) {
        Wire wire = wire();
        MemoryMailbox inbox = wire.account.inbox();
        inbox.add("Subject: three\r\n\r\n3\r\n").add("Subject: four\r\n\r\n4\r\n");
        // A client synced at MODSEQ 5 (UIDs 1-4); then UID 3 is expunged (MODSEQ 6) and UID 2 flagged (MODSEQ 7).
        inbox.expunge(List.of(3L));
        inbox.setFlags(2, "\\Seen", "\\Flagged");
        String out = exchange(wire, LOGIN + "q ENABLE QRESYNC\r\ns SELECT INBOX (QRESYNC (1234 5 1:4))\r\n", byteByByte);
        assertEquals(IN + "* ENABLED QRESYNC\r\nq OK ENABLE completed\r\n"
                + SELECT_LINES.replace("2 EXISTS", "3 EXISTS").replace("2 RECENT", "3 RECENT").replace("UIDNEXT 3", "UIDNEXT 5")
                + "* OK [HIGHESTMODSEQ 7] Highest\r\n* VANISHED (EARLIER) 3\r\n* 2 FETCH (FLAGS (\\Flagged \\Seen \\Recent) UID 2 MODSEQ (7))\r\n"
                + "s OK [READ-WRITE] SELECT completed\r\n", out);
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void qresyncWithForgottenExpungesNamesEveryMissingUid(boolean byteByByte) {
        Wire wire = wire();
        MemoryMailbox inbox = wire.account.inbox();
        inbox.add("Subject: three\r\n\r\n3\r\n").add("Subject: four\r\n\r\n4\r\n").add("Subject: five\r\n\r\n5\r\n");
        inbox.expunge(List.of(1L));
        inbox.expunge(List.of(3L));
        inbox.forgottenModSeq = 7;
        // Expunges up to MODSEQ 7 are forgotten: a client at MODSEQ 7 hears of UID 3 alone, one at 2 of every UID not held,
        // in ranges however wide its known UIDs.
        String out = exchange(wire, LOGIN + "q ENABLE QRESYNC\r\ns SELECT INBOX (QRESYNC (1234 7 1:4294967295))\r\n", byteByByte);
        assertEquals("* OK [HIGHESTMODSEQ 8] Highest\r\n* VANISHED (EARLIER) 3\r\ns OK [READ-WRITE] SELECT completed\r\n",
                out.substring(out.indexOf("* OK [HIGHESTMODSEQ")));
        out = exchange(wire, "t EXAMINE INBOX (QRESYNC (1234 2 1:4294967295))\r\n", byteByByte);
        assertEquals("* OK [HIGHESTMODSEQ 8] Highest\r\n* VANISHED (EARLIER) 1,3\r\n* 1 FETCH (FLAGS (\\Seen) UID 2 MODSEQ (3))\r\n"
                + "* 2 FETCH (FLAGS () UID 4 MODSEQ (5))\r\n* 3 FETCH (FLAGS () UID 5 MODSEQ (6))\r\n"
                + "t OK [READ-ONLY] EXAMINE completed\r\n", out.substring(out.indexOf("* OK [HIGHESTMODSEQ")));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void qresyncWithAnotherUidValidityIsAPlainSelect(boolean byteByByte) {
        Wire wire = wire();
        wire.account.inbox().expunge(List.of(1L));
        String out = exchange(wire, LOGIN + "q ENABLE QRESYNC\r\ns SELECT INBOX (QRESYNC (999 1 1:9))\r\n", byteByByte);
        assertEquals("* OK [HIGHESTMODSEQ 4] Highest\r\ns OK [READ-WRITE] SELECT completed\r\n", out.substring(out.indexOf("* OK [HIGHESTMODSEQ")));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void vanishedReplacesExpungeOnceQresyncIsEnabled(boolean byteByByte) {
        Wire wire = selected(byteByByte, "q ENABLE QRESYNC\r\ns SELECT INBOX\r\n");
        Wire other = wire.another();
        other.send(LOGIN + "s SELECT INBOX\r\n");
        assertEquals("* 1 FETCH (FLAGS (\\Deleted \\Recent) UID 1 MODSEQ (4))\r\na OK STORE completed\r\n"
                + "* VANISHED 1\r\nb OK [HIGHESTMODSEQ 5] EXPUNGE completed\r\n",
                exchange(wire, "a STORE 1 +FLAGS (\\Deleted)\r\nb EXPUNGE\r\n", byteByByte));
        other.take();
        other.send("x UID STORE 2 +FLAGS.SILENT (\\Deleted)\r\ny EXPUNGE\r\n");
        assertEquals("* VANISHED 2\r\nn OK NOOP completed\r\n", exchange(wire, "n NOOP\r\n", byteByByte));
    }

    @ParameterizedTest(name = "byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void uidFetchVanishedTellsExpungedUidsOfTheSet(boolean byteByByte) {
        Wire wire = wire();
        wire.account.inbox().add("Subject: three\r\n\r\n3\r\n").add("Subject: four\r\n\r\n4\r\n");
        // UIDs 1 and 4 expunged at MODSEQ 6: '*' reaches UID 4, the last given out, though UID 3 is the last still there.
        wire.account.inbox().expunge(List.of(1L, 4L));
        exchange(wire, LOGIN + "q ENABLE QRESYNC\r\ns SELECT INBOX\r\n", byteByByte);
        assertEquals("* VANISHED (EARLIER) 1,4\r\n* 2 FETCH (FLAGS (\\Recent) UID 3 MODSEQ (4))\r\na OK FETCH completed\r\n"
                + "b OK FETCH completed\r\n"
                + "c BAD VANISHED needs UID FETCH and CHANGEDSINCE\r\nd BAD VANISHED needs UID FETCH and CHANGEDSINCE\r\n",
                exchange(wire, "a UID FETCH 1:* FLAGS (CHANGEDSINCE 3 VANISHED)\r\nb UID FETCH 2:* FLAGS (VANISHED CHANGEDSINCE 6)\r\n"
                        + "c FETCH 1:* FLAGS (CHANGEDSINCE 3 VANISHED)\r\nd UID FETCH 1:* FLAGS (VANISHED)\r\n", byteByByte));
    }
}
