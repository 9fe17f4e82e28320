package dev.torsion.imap.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.ImapLimits;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3501 §9's grammar, command by command, through the decoder as a client sends it. */
class ImapCommandParserTest {
    private static ImapCommand parse(String wire) throws ImapParseException {
        ImapCommandDecoder decoder = new ImapCommandDecoder(ImapLimits.DEFAULTS);
        decoder.feed(wire.getBytes(StandardCharsets.UTF_8));
        DecoderEvent event;
        while ((event = decoder.next()) != null) {
            if (event instanceof DecoderEvent.CommandReady ready) {
                return new ImapCommandParser(64).parse(ready.command());
            }
        }
        throw new AssertionError("no command in " + wire);
    }

    private static String refusal(String wire) {
        return assertThrows(ImapParseException.class, () -> parse(wire)).reply();
    }

    @Test
    void simpleCommandsInAnyCase() throws Exception {
        assertEquals(new ImapCommand.Simple("a1", "NOOP"), parse("a1 noop\r\n"));
        assertEquals(new ImapCommand.Simple("x.y", "CAPABILITY"), parse("x.y Capability\r\n"));
    }

    @Test
    void loginWithQuotedAndLiteral() throws Exception {
        ImapCommand.Login login = (ImapCommand.Login) parse("a LOGIN \"al\\\"ice\" {6}\r\nse cr\"\r\n");
        assertEquals("al\"ice", login.user());
        assertArrayEquals("se cr\"".getBytes(StandardCharsets.US_ASCII), login.password());
    }

    @Test
    void mailboxNamesAreModifiedUtf7AndInboxAnyCase() throws Exception {
        assertEquals(new ImapCommand.Select("a", false, "INBOX"), parse("a SELECT inbox\r\n"));
        assertEquals(new ImapCommand.OnMailbox("a", "CREATE", "Entwürfe"), parse("a CREATE Entw&APw-rfe\r\n"));
        assertEquals(new ImapCommand.OnMailbox("a", "CREATE", "~peter/mail/台北/日本語"),
                parse("a CREATE ~peter/mail/&U,BTFw-/&ZeVnLIqe-\r\n"));
        assertEquals("a BAD Mailbox name is not valid modified UTF-7\r\n", refusal("a SELECT &Jjo!\r\n"));
        assertEquals("a BAD Mailbox name is not valid modified UTF-7\r\n", refusal("a SELECT &AGE-\r\n"));
    }

    @Test
    void modifiedUtf7RoundTrips() {
        for (String name : List.of("INBOX", "a&b", "Entwürfe", "日本語", "x\u00e9y\u00e9", "😀")) {
            assertEquals(name, ModifiedUtf7.decode(ModifiedUtf7.encode(name)));
        }
        assertEquals("&-", ModifiedUtf7.encode("&"));
        assertEquals("Entw&APw-rfe", ModifiedUtf7.encode("Entwürfe"));
        assertNull(ModifiedUtf7.decode("caf\u00e9"));
        assertNull(ModifiedUtf7.decode("&AGEAYg-"));
    }

    @Test
    void fetchItems() throws Exception {
        ImapCommand.Fetch fetch = (ImapCommand.Fetch) parse(
                "a FETCH 1:3,5,7:* (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From \"To\")]<0.100> BODY[] RFC822.SIZE BODY[2.MIME] BODY)\r\n");
        assertEquals("1:3,5,7:*", fetch.set().toString());
        assertEquals(6, fetch.items().size());
        FetchItem.Section peek = (FetchItem.Section) fetch.items().get(1);
        assertTrue(peek.peek());
        assertEquals(List.of(1, 2), peek.part());
        assertEquals(FetchItem.SectionText.HEADER_FIELDS, peek.text());
        assertEquals(List.of("FROM", "TO"), peek.fields());
        assertEquals(0, peek.origin());
        assertEquals(100, peek.length());
        assertEquals("BODY[1.2.HEADER.FIELDS (FROM TO)]<0>", peek.responseName());
        assertEquals("BODY[]", ((FetchItem.Section) fetch.items().get(2)).responseName());
        assertEquals("BODY[2.MIME]", ((FetchItem.Section) fetch.items().get(4)).responseName());
        assertEquals(new FetchItem.Simple(FetchItem.Kind.BODY), fetch.items().get(5));
    }

    @Test
    void fetchMacrosAndUid() throws Exception {
        ImapCommand.Fetch all = (ImapCommand.Fetch) parse("a FETCH 1 ALL\r\n");
        assertEquals(4, all.items().size());
        ImapCommand.Fetch uid = (ImapCommand.Fetch) parse("a UID FETCH 1:* FLAGS\r\n");
        assertTrue(uid.uid());
        assertTrue(uid.items().contains(new FetchItem.Simple(FetchItem.Kind.UID)));
        assertEquals("a BAD Unknown fetch attribute\r\n", refusal("a FETCH 1 (FLAGS BOGUS)\r\n"));
        assertEquals("a BAD Invalid section\r\n", refusal("a FETCH 1 BODY[FOO]\r\n"));
        assertEquals("a BAD MIME needs a part number\r\n", refusal("a FETCH 1 BODY[MIME]\r\n"));
        assertEquals("a BAD Expected a non-zero number\r\n", refusal("a FETCH 1 BODY[]<0.0>\r\n"));
    }

    @Test
    void sequenceSets() throws Exception {
        assertEquals("a BAD Invalid sequence set\r\n", refusal("a FETCH 0 FLAGS\r\n"));
        assertEquals("a BAD Invalid sequence set\r\n", refusal("a FETCH 1:4294967296 FLAGS\r\n"));
        assertEquals("a BAD Invalid sequence set\r\n", refusal("a FETCH 1,,2 FLAGS\r\n"));
        SequenceSet set = SequenceSet.parse("5:2,*");
        assertTrue(set.contains(3, 10));
        assertTrue(set.contains(10, 10));
        assertFalse(set.contains(6, 10));
        assertEquals("1:3,7,9:10", SequenceSet.compact(List.of(1L, 2L, 3L, 7L, 9L, 10L)));
    }

    @Test
    void searchGrammar() throws Exception {
        ImapCommand.Search search = (ImapCommand.Search) parse(
                "a SEARCH CHARSET UTF-8 OR FROM \"bob\" NOT (SEEN LARGER 100) SINCE 1-Feb-1994 HEADER X-Foo {4}\r\nbär 2:*\r\n");
        assertEquals("UTF-8", search.charset());
        SearchKey.And and = (SearchKey.And) search.key();
        assertEquals(4, and.keys().size());
        SearchKey.Or or = (SearchKey.Or) and.keys().get(0);
        assertEquals(new SearchKey.Header("FROM", "bob"), or.left());
        assertEquals(new SearchKey.Date(SearchKey.DateOp.SINCE, false, LocalDate.of(1994, 2, 1)), and.keys().get(1));
        assertEquals(new SearchKey.Header("X-FOO", "bär"), and.keys().get(2));
        assertEquals(new SearchKey.Sequence(SequenceSet.parse("2:*"), false), and.keys().get(3));
        assertEquals("a BAD Unknown search key\r\n", refusal("a SEARCH FOO\r\n"));
        assertEquals("a BAD Invalid date\r\n", refusal("a SEARCH SINCE 31-Feb-1994x\r\n"));
        assertEquals("a BAD Missing argument\r\n", refusal("a SEARCH\r\n"));
        assertEquals("a BAD Missing search key\r\n", refusal("a SEARCH \r\n"));
    }

    @Test
    void nestingIsLimited() {
        String deep = "a SEARCH " + "(".repeat(100) + "ALL" + ")".repeat(100) + "\r\n";
        assertEquals("a BAD [LIMIT] Too deeply nested\r\n", refusal(deep));
        assertEquals("a BAD [LIMIT] Too deeply nested\r\n", refusal("a SEARCH " + "NOT ".repeat(100) + "ALL\r\n"));
    }

    @Test
    void storeAndCopy() throws Exception {
        assertEquals(new ImapCommand.Store("a", true, SequenceSet.parse("1:2"), StoreMode.ADD, true, List.of("\\Seen", "$Junk")),
                parse("a UID STORE 1:2 +FLAGS.SILENT (\\seen $Junk)\r\n"));
        assertEquals(new ImapCommand.Store("a", false, SequenceSet.parse("3"), StoreMode.REMOVE, false, List.of("\\Deleted")),
                parse("a STORE 3 -FLAGS \\Deleted\r\n"));
        assertEquals(new ImapCommand.Copy("a", true, true, SequenceSet.parse("4"), "Trash"), parse("a UID MOVE 4 Trash\r\n"));
        assertEquals("a BAD Expected FLAGS\r\n", refusal("a STORE 1 LABELS x\r\n"));
    }

    @Test
    void appendWithFlagsAndDate() throws Exception {
        ImapCommand.Append append = (ImapCommand.Append) parse("a APPEND Sent (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {3+}\r\nhi!\r\n");
        assertEquals("Sent", append.mailbox());
        assertEquals(List.of("\\Seen"), append.flags());
        assertEquals(ZonedDateTime.of(1994, 2, 7, 21, 52, 25, 0, ZoneOffset.ofHours(-8)).toInstant(), append.date().toInstant());
        assertArrayEquals("hi!".getBytes(StandardCharsets.US_ASCII), append.message());
        assertEquals("a BAD Invalid date-time\r\n", refusal("a APPEND Sent \"yesterday\" {1+}\r\nx\r\n"));
    }

    @Test
    void listStatusIdEnable() throws Exception {
        assertEquals(new ImapCommand.ListMailboxes("a", "LIST", List.of("SPECIAL-USE"), "", List.of("*"), List.of("CHILDREN"), List.of()),
                parse("a LIST (SPECIAL-USE) \"\" * RETURN (CHILDREN)\r\n"));
        assertEquals(new ImapCommand.ListMailboxes("a", "LIST", List.of(), "", List.of("INBOX", "Sent.%"), List.of("SUBSCRIBED", "STATUS"),
                List.of("MESSAGES", "UNSEEN")), parse("a LIST \"\" (INBOX Sent.%) RETURN (SUBSCRIBED STATUS (MESSAGES UNSEEN))\r\n"));
        assertEquals(new ImapCommand.ListMailboxes("a", "LSUB", List.of(), "", List.of("%"), List.of(), List.of()), parse("a LSUB \"\" %\r\n"));
        assertEquals("a BAD RECURSIVEMATCH needs SUBSCRIBED\r\n", refusal("a LIST (RECURSIVEMATCH) \"\" *\r\n"));
        assertEquals(new ImapCommand.Status("a", "INBOX", List.of("MESSAGES", "UIDNEXT")), parse("a STATUS INBOX (messages UIDNEXT)\r\n"));
        ImapCommand.Id id = (ImapCommand.Id) parse("a ID (\"name\" \"imaplib\" \"version\" NIL)\r\n");
        assertEquals("imaplib", id.parameters().get("name"));
        assertNull(((ImapCommand.Id) parse("a ID NIL\r\n")).parameters());
        assertEquals(new ImapCommand.Enable("a", List.of("UTF8=ACCEPT")), parse("a ENABLE utf8=accept\r\n"));
        assertEquals("a BAD Unknown status item\r\n", refusal("a STATUS INBOX (FOO)\r\n"));
    }

    @Test
    void condstoreAndQresyncParametersAndModifiers() throws Exception {
        assertEquals(new ImapCommand.Select("a", true, "INBOX", true, null), parse("a EXAMINE inbox (condstore)\r\n"));
        assertEquals(new ImapCommand.Select("a", false, "INBOX", false, new ImapCommand.Qresync(67890007, 20050715194045000L,
                SequenceSet.parse("41,43:211,214:541"), null, null)), parse("a SELECT INBOX (QRESYNC (67890007 20050715194045000 "
                        + "41,43:211,214:541))\r\n"));
        assertEquals(new ImapCommand.Qresync(1, 2, SequenceSet.parse("1:9"), SequenceSet.parse("3,5"), SequenceSet.parse("4,9")),
                ((ImapCommand.Select) parse("a SELECT INBOX (QRESYNC (1 2 1:9 (3,5 4,9)))\r\n")).qresync());
        assertEquals(new ImapCommand.Qresync(1, 2, null, SequenceSet.parse("3"), SequenceSet.parse("4")),
                ((ImapCommand.Select) parse("a SELECT INBOX (CONDSTORE QRESYNC (1 2 (3 4)))\r\n")).qresync());
        ImapCommand.Fetch fetch = (ImapCommand.Fetch) parse("a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n");
        assertEquals(12345, fetch.changedSince());
        assertTrue(fetch.vanished());
        assertEquals(List.of(new FetchItem.Simple(FetchItem.Kind.FLAGS), new FetchItem.Simple(FetchItem.Kind.UID),
                new FetchItem.Simple(FetchItem.Kind.MODSEQ)), fetch.items());
        assertEquals(List.of(new FetchItem.Simple(FetchItem.Kind.MODSEQ)), ((ImapCommand.Fetch) parse("a FETCH 1 modseq\r\n")).items());
        assertEquals(new ImapCommand.Store("a", false, SequenceSet.parse("7,5,9"), StoreMode.REMOVE, false, List.of("\\Deleted"), 320162338),
                parse("a STORE 7,5,9 (UNCHANGEDSINCE 320162338) -FLAGS (\\Deleted)\r\n"));
        assertEquals(new SearchKey.And(List.of(new SearchKey.ModSeq(620162338), new SearchKey.Flag("\\Seen", true))),
                ((ImapCommand.Search) parse("a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338 SEEN\r\n")).key());
        assertEquals(new ImapCommand.Status("a", "INBOX", List.of("HIGHESTMODSEQ")), parse("a STATUS INBOX (HIGHESTMODSEQ)\r\n"));
        assertEquals(9223372036854775807L, ((ImapCommand.Store) parse("a STORE 1 (UNCHANGEDSINCE 9223372036854775807) FLAGS ()\r\n"))
                .unchangedSince());
        assertEquals("a BAD Invalid mod-sequence\r\n", refusal("a STORE 1 (UNCHANGEDSINCE 9223372036854775808) FLAGS ()\r\n"));
        assertEquals("a BAD Invalid MODSEQ entry type\r\n", refusal("a SEARCH MODSEQ \"/flags/x\" some 5\r\n"));
        assertEquals("a BAD Invalid MODSEQ entry name\r\n", refusal("a SEARCH MODSEQ \"/other\" all 5\r\n"));
        assertEquals("a BAD VANISHED needs UID FETCH and CHANGEDSINCE\r\n", refusal("a FETCH 1 FLAGS (CHANGEDSINCE 1 VANISHED)\r\n"));
        assertEquals(List.of("MIN", "COUNT"), ((ImapCommand.Search) parse("a SEARCH RETURN (min COUNT) ALL\r\n")).returns());
        assertEquals(List.of(), ((ImapCommand.Search) parse("a UID SEARCH RETURN () CHARSET UTF-8 ALL\r\n")).returns());
        assertNull(((ImapCommand.Search) parse("a SEARCH ALL\r\n")).returns());
    }

    @Test
    void tagsAndJunk() {
        assertEquals("* BAD Empty command\r\n", refusal("\r\n"));
        assertEquals("* BAD Invalid tag\r\n", refusal("+ NOOP\r\n"));
        assertEquals("a BAD Missing command\r\n", refusal("a\r\n"));
        assertEquals("a BAD Unknown command XYZZY\r\n", refusal("a XYZZY\r\n"));
        assertEquals("a BAD Unexpected characters at end of command\r\n", refusal("a NOOP extra\r\n"));
        assertEquals("a BAD Unterminated quoted string\r\n", refusal("a LOGIN \"alice secret\r\n"));
    }
}
