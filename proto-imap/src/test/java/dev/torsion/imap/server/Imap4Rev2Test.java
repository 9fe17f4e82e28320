package dev.torsion.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.support.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IMAP4rev2 (RFC 9051) against IMAP4rev1 on the same mailbox, exact on the wire: what
 * {@code ENABLE IMAP4rev2} changes (Appendix E) and the rev2 base extensions that both get
 * (SEARCHRES, BINARY, STATUS DELETED, HASCHILDREN).
 */
class Imap4Rev2Test {
    private static final String ENABLE = "e ENABLE IMAP4rev2\r\n";
    private static final String ENABLED = "* ENABLED IMAP4rev2\r\ne OK ENABLE completed\r\n";
    private static final String HEAD = "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n* 2 EXISTS\r\n";
    private static final String TAIL = "* OK [UIDVALIDITY 1234] UIDs valid\r\n* OK [UIDNEXT 3] Predicted next UID\r\n"
            + "s OK [READ-WRITE] SELECT completed\r\n";

    private static Wire loggedIn(boolean rev2, boolean byteByByte) {
        Wire wire = new Wire();
        wire.account.inbox().add(ImapServerTest.MULTIPART).add("Subject: two\r\n\r\nbody two\r\n", "\\Seen");
        String login = ImapServerTest.LOGIN + (rev2 ? ENABLE : "");
        wire.send(login.getBytes(StandardCharsets.UTF_8), byteByByte);
        assertEquals(ImapServerTest.LOGGED_IN + (rev2 ? ENABLED : ""), wire.replies());
        wire.take();
        return wire;
    }

    private static Wire selected(boolean rev2) {
        Wire wire = loggedIn(rev2, false);
        wire.send("s SELECT INBOX\r\n");
        wire.take();
        return wire;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void selectHasNoRecentAndNoUnseenButItsListUnderRev2(boolean byteByByte) {
        Wire rev1 = loggedIn(false, byteByByte);
        rev1.send("s SELECT INBOX\r\n".getBytes(StandardCharsets.US_ASCII), byteByByte);
        assertEquals(HEAD + "* 2 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n" + TAIL, rev1.take());
        Wire rev2 = loggedIn(true, byteByByte);
        rev2.send("s SELECT INBOX\r\n".getBytes(StandardCharsets.US_ASCII), byteByByte);
        assertEquals(HEAD + "* LIST () \".\" \"INBOX\"\r\n" + TAIL, rev2.take());
    }

    @Test
    void flagsNeverCarryRecentAndNewMessagesNoRecentResponseUnderRev2() {
        Wire rev1 = selected(false);
        Wire rev2 = selected(true);
        rev1.send("f FETCH 1 FLAGS\r\n");
        assertEquals("* 1 FETCH (FLAGS (\\Recent))\r\nf OK FETCH completed\r\n", rev1.take());
        rev2.send("f FETCH 1 FLAGS\r\n");
        assertEquals("* 1 FETCH (FLAGS ())\r\nf OK FETCH completed\r\n", rev2.take());
        rev1.account.inbox().add("Subject: three\r\n\r\n3\r\n");
        rev2.account.inbox().add("Subject: three\r\n\r\n3\r\n");
        rev1.send("n NOOP\r\n");
        assertEquals("* 3 EXISTS\r\n* 3 RECENT\r\nn OK NOOP completed\r\n", rev1.take());
        rev2.send("n NOOP\r\n");
        assertEquals("* 3 EXISTS\r\nn OK NOOP completed\r\n", rev2.take());
    }

    @Test
    void everySearchAnswersEsearchUnderRev2() {
        String commands = "a SEARCH UNSEEN\r\nb UID SEARCH DELETED\r\nc SEARCH RETURN (COUNT) ALL\r\n";
        Wire rev1 = selected(false);
        rev1.send(commands);
        assertEquals("* SEARCH 1\r\na OK SEARCH completed\r\n* SEARCH\r\nb OK SEARCH completed\r\n"
                + "* ESEARCH (TAG \"c\") COUNT 2\r\nc OK SEARCH completed\r\n", rev1.take());
        Wire rev2 = selected(true);
        rev2.send(commands);
        assertEquals("* ESEARCH (TAG \"a\") ALL 1\r\na OK SEARCH completed\r\n* ESEARCH (TAG \"b\") UID\r\nb OK SEARCH completed\r\n"
                + "* ESEARCH (TAG \"c\") COUNT 2\r\nc OK SEARCH completed\r\n", rev2.take());
    }

    @Test
    void mailboxNamesAreUtf8UnderRev2AndModifiedUtf7Before() {
        Wire rev1 = loggedIn(false, false);
        rev1.send("c CREATE Entw&APw-rfe\r\nd CREATE a&b\r\nl LIST \"\" Entw*\r\n");
        assertEquals("c OK CREATE completed\r\nd BAD Mailbox name is not valid modified UTF-7\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"Entw&APw-rfe\"\r\nl OK LIST completed\r\n", rev1.take());
        Wire rev2 = loggedIn(true, false);
        rev2.send("c CREATE \"Entwürfe\"\r\nd CREATE a&b\r\nl LIST \"\" *\r\nt STATUS \"Entwürfe\" (MESSAGES)\r\n");
        assertEquals("c OK CREATE completed\r\nd OK CREATE completed\r\n* LIST (\\HasNoChildren) \".\" \"INBOX\"\r\n* LIST (\\Sent \\HasNoChildren) \".\" \"Sent\"\r\n"
                + "* LIST (\\Trash \\HasNoChildren) \".\" \"Trash\"\r\n* LIST (\\HasNoChildren) \".\" {9}\r\nEntwürfe\r\n"
                + "* LIST (\\HasNoChildren) \".\" \"a&b\"\r\nl OK LIST completed\r\n"
                + "* STATUS {9}\r\nEntwürfe (MESSAGES 0)\r\nt OK STATUS completed\r\n", rev2.take());
        assertTrue(rev2.account.mailboxes.containsKey("a&b"));
        assertTrue(rev2.account.mailboxes.containsKey("Entwürfe"));
    }

    @Test
    void enableInTheSelectedStateLeavesRev2Off() {
        Wire wire = selected(false);
        wire.send("e ENABLE IMAP4rev2\r\nf FETCH 1 FLAGS\r\n");
        assertEquals("* ENABLED\r\ne OK ENABLE completed\r\n* 1 FETCH (FLAGS (\\Recent))\r\nf OK FETCH completed\r\n", wire.take());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void searchResSavesTheResultForDollar(boolean rev2) {
        Wire wire = selected(rev2);
        wire.send("a SEARCH RETURN (SAVE) UNSEEN\r\nb FETCH $ (UID)\r\nc UID SEARCH RETURN (ALL) $\r\nd SEARCH RETURN (SAVE MAX) ALL\r\n"
                + "f UID FETCH $ (FLAGS)\r\ng UID STORE $ +FLAGS.SILENT (\\Deleted)\r\nh UID EXPUNGE $\r\ni FETCH $ (UID)\r\n");
        String recent = rev2 ? "" : " \\Recent";
        assertEquals("a OK SEARCH completed\r\n* 1 FETCH (UID 1)\r\nb OK FETCH completed\r\n"
                + "* ESEARCH (TAG \"c\") UID ALL 1\r\nc OK SEARCH completed\r\n* ESEARCH (TAG \"d\") MAX 2\r\nd OK SEARCH completed\r\n"
                + "* 2 FETCH (FLAGS (\\Seen" + recent + ") UID 2)\r\nf OK FETCH completed\r\ng OK STORE completed\r\n"
                + "* 2 EXPUNGE\r\nh OK UID EXPUNGE completed\r\ni OK FETCH completed\r\n", wire.take());
        assertEquals(Set.of(1L), wire.account.inbox().uids());
        wire.send("s SELECT INBOX\r\n");
        wire.take();
        wire.send("j SEARCH $\r\nk SEARCH RETURN (SAVE) CHARSET KOI8-R ALL\r\nl FETCH $ UID\r\n");
        assertEquals((rev2 ? "* ESEARCH (TAG \"j\")" : "* SEARCH") + "\r\nj OK SEARCH completed\r\n"
                + "k NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\nl OK FETCH completed\r\n", wire.take());
    }

    @Test
    void binaryDecodesTheTransferEncodingAndSendsLiteral8ForNul() {
        Wire wire = selected(true);
        wire.account.inbox().add("Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=41=42 caf=C3=A9=\r\n!\r\n")
                .add("Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n");
        wire.send("n NOOP\r\n");
        wire.take();
        wire.send("a FETCH 1 (BINARY.PEEK[2] BINARY.SIZE[2] BINARY.PEEK[1] BINARY.PEEK[2]<1.1> BINARY.PEEK[9])\r\n");
        assertEquals("* 1 FETCH (BINARY[2] ~{3}\r\n\0\0\0 BINARY.SIZE[2] 3 BINARY[1] {8}\r\nHi there BINARY[2]<1> ~{1}\r\n\0 BINARY[9] {0}\r\n)\r\n"
                + "a OK FETCH completed\r\n", wire.take());
        wire.send("b FETCH 3 (BINARY[1] BINARY.SIZE[1])\r\n");
        assertEquals("* 3 FETCH (BINARY[1] {11}\r\nAB café!\r\n BINARY.SIZE[1] 11 FLAGS (\\Seen))\r\nb OK FETCH completed\r\n", wire.take());
        wire.send("c FETCH 4 BINARY.PEEK[1]\r\nd FETCH 4 BINARY[]\r\n");
        assertEquals("c NO [UNKNOWN-CTE] Unknown Content-Transfer-Encoding: x-uuencode\r\n"
                + "* 4 FETCH (BINARY[] {54}\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n FLAGS (\\Seen))\r\n"
                + "d OK FETCH completed\r\n", wire.take());
        wire.send("e FETCH 1 BINARY[HEADER]\r\n");
        assertEquals("e BAD Invalid binary section\r\n", wire.take());
    }

    @Test
    void appendTakesALiteral8() {
        Wire wire = loggedIn(true, false);
        wire.send("a APPEND INBOX ~{7+}\r\nab\0cd\r\n\r\n");
        assertEquals("a OK [APPENDUID 1234 3] APPEND completed\r\n", wire.take());
        wire.send("s SELECT INBOX\r\n");
        wire.take();
        wire.send("f FETCH 3 (BINARY.PEEK[] BODY.PEEK[])\r\n");
        assertEquals("* 3 FETCH (BINARY[] ~{7}\r\nab\0cd\r\n BODY[] {7}\r\nab\0cd\r\n)\r\nf OK FETCH completed\r\n", wire.take());
    }

    @Test
    void statusTellsDeletedAndSize() {
        Wire wire = loggedIn(true, false);
        wire.account.inbox().setFlags(2, "\\Deleted", "\\Seen");
        wire.send("t STATUS INBOX (MESSAGES DELETED SIZE UNSEEN)\r\n");
        assertEquals("* STATUS \"INBOX\" (MESSAGES 2 DELETED 1 SIZE 445 UNSEEN 1)\r\nt OK STATUS completed\r\n", wire.take());
    }

    @Test
    void deletingALevelThatOnlyHasChildrenIsRefusedWithHasChildren() {
        Wire wire = loggedIn(true, false);
        wire.send("c CREATE Work.2026\r\nd DELETE Work\r\ne DELETE Nothing\r\nf DELETE Work.2026\r\n");
        assertEquals("c OK CREATE completed\r\nd NO [HASCHILDREN] Mailbox has children; delete them first\r\n"
                + "e NO [NONEXISTENT] No such mailbox\r\nf OK DELETE completed\r\n", wire.take());
    }
}
