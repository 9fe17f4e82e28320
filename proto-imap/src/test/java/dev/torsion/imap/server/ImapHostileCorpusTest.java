package dev.torsion.imap.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.imap.support.Wire;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and malformed IMAP input with the exact replies each earns, whether the session ends,
 * and that nothing in the mailbox changed; replayed whole and byte by byte.
 */
class ImapHostileCorpusTest {
    private static final String LOGIN = "l LOGIN alice secret\r\n";
    private static final String IN = "l OK [CAPABILITY " + ImapServerTest.CAPS + "] Logged in\r\n";
    private static final String SELECT = LOGIN + "s SELECT INBOX\r\n";
    private static final String SELECTED = IN + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
            + "* 2 EXISTS\r\n* 2 RECENT\r\n* OK [UNSEEN 1] First unseen\r\n* OK [UIDVALIDITY 1234] UIDs valid\r\n"
            + "* OK [UIDNEXT 3] Predicted next UID\r\ns OK [READ-WRITE] SELECT completed\r\n";
    private static final String EMPTY = LOGIN + "s SELECT Trash\r\n";
    private static final String EMPTY_SELECTED = IN + "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
            + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted\r\n"
            + "* 0 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1234] UIDs valid\r\n"
            + "* OK [UIDNEXT 1] Predicted next UID\r\ns OK [READ-WRITE] SELECT completed\r\n";

    private static final String QRESYNC = LOGIN + "q ENABLE QRESYNC\r\n";
    private static final String QRESYNC_ON = IN + "* ENABLED QRESYNC\r\nq OK ENABLE completed\r\n";
    private static final String HIGHEST = "* OK [HIGHESTMODSEQ 3] Highest\r\n";
    private static final String SELECTED_CONDSTORE = QRESYNC_ON + SELECTED.substring(IN.length())
            .replace("s OK [READ-WRITE]", HIGHEST + "s OK [READ-WRITE]");

    record Case(String name, byte[] input, String replies, boolean closed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String input, String replies, boolean closed) {
        return new Case(name, input.getBytes(StandardCharsets.ISO_8859_1), replies, closed);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                c("line over 64 KiB", "a NOOP " + "x".repeat(70_000) + "\r\nb NOOP\r\n", "* BYE [TOOBIG] Command line too long\r\n", true),
                c("endless line", "x".repeat(100_000), "* BYE [TOOBIG] Command line too long\r\n", true),
                c("literal of 4294967296 octets", "a APPEND INBOX {4294967296}\r\nb NOOP\r\n",
                        "a NO [TOOBIG] Literal too big\r\nb OK NOOP completed\r\n", false),
                c("non-synchronising literal too big", "a APPEND INBOX {4294967296+}\r\nxxxx\r\n",
                        "* BYE [TOOBIG] Literal too big\r\n", true),
                c("literal size that lies", "a LOGIN alice {10}\r\nsecret\r\nb NOOP\r\n",
                        "+ Ready for literal data\r\na BAD Unexpected characters at end of command\r\n", false),
                c("NUL in a literal", "a LOGIN alice {3}\r\na\0b\r\n", "+ Ready for literal data\r\na BAD NUL in literal\r\n", false),
                c("NUL in a quoted string", "a LOGIN \"al\0ice\" x\r\n", "a BAD NUL in quoted string\r\n", false),
                c("empty line", "\r\n", "* BAD Empty command\r\n", false),
                c("continuation tag", "+ NOOP\r\n", "* BAD Invalid tag\r\n", false),
                c("untagged star", "* NOOP\r\n", "* BAD Invalid tag\r\n", false),
                c("tag only", "abc\r\n", "abc BAD Missing command\r\n", false),
                c("unknown command", "a XYZZY\r\n", "a BAD Unknown command XYZZY\r\n", false),
                c("invalid UTF-8 in a mailbox name", LOGIN + "a SELECT \"\u00c3(\"\r\n", IN + "a BAD Invalid UTF-8\r\n", false),
                c("FETCH before login", "a FETCH 1 FLAGS\r\n", "a BAD Log in first\r\n", false),
                c("SELECT before login", "a SELECT INBOX\r\n", "a BAD Log in first\r\n", false),
                c("IDLE before login", "a IDLE\r\nDONE\r\n", "a BAD Log in first\r\nDONE BAD Missing command\r\n", false),
                c("FETCH without a mailbox", LOGIN + "a FETCH 1 FLAGS\r\n", IN + "a BAD No mailbox selected\r\n", false),
                c("LOGIN twice", LOGIN + "a LOGIN alice secret\r\n", IN + "a BAD Already authenticated\r\n", false),
                c("STARTTLS not offered", "a STARTTLS\r\n", "a BAD STARTTLS not available\r\n", false),
                c("10,000-deep nesting", SELECT + "a SEARCH " + "(".repeat(10_000) + "ALL" + ")".repeat(10_000) + "\r\n",
                        SELECTED + "a BAD [LIMIT] Too deeply nested\r\n", false),
                c("10,000 NOTs", SELECT + "a SEARCH " + "NOT ".repeat(10_000) + "ALL\r\n", SELECTED + "a BAD [LIMIT] Too deeply nested\r\n", false),
                c("unbalanced open parenthesis", SELECT + "a FETCH 1 (FLAGS\r\n", SELECTED + "a BAD Expected ')'\r\n", false),
                c("unbalanced close parenthesis", SELECT + "a FETCH 1 FLAGS)\r\n",
                        SELECTED + "a BAD Unexpected characters at end of command\r\n", false),
                c("sequence number zero", SELECT + "a FETCH 0 FLAGS\r\n", SELECTED + "a BAD Invalid sequence set\r\n", false),
                c("sequence range with zero", SELECT + "a FETCH 1:0 FLAGS\r\n", SELECTED + "a BAD Invalid sequence set\r\n", false),
                c("sequence number past the end", SELECT + "a FETCH 3 FLAGS\r\n", SELECTED + "a BAD Invalid message sequence number\r\n", false),
                c("sequence number over 32 bits", SELECT + "a STORE 4294967296 +FLAGS (\\Deleted)\r\n",
                        SELECTED + "a BAD Invalid sequence set\r\n", false),
                c("*:* on an empty mailbox", EMPTY + "a FETCH *:* FLAGS\r\nb STORE * +FLAGS (\\Deleted)\r\nc UID FETCH *:* FLAGS\r\n"
                        + "d SEARCH *:*\r\n", EMPTY_SELECTED + "a BAD Invalid message sequence number\r\n"
                        + "b BAD Invalid message sequence number\r\nc OK FETCH completed\r\n* SEARCH\r\nd OK SEARCH completed\r\n", false),
                c("invalid section", SELECT + "a FETCH 1 BODY[1.HEADER.FIELDS ()]\r\n", SELECTED + "a BAD Expected a string\r\n", false),
                c("partial of zero octets", SELECT + "a FETCH 1 BODY[]<0.0>\r\n", SELECTED + "a BAD Expected a non-zero number\r\n", false),
                c("unknown search charset", SELECT + "a SEARCH CHARSET EBCDIC ALL\r\n",
                        SELECTED + "a NO [BADCHARSET (US-ASCII UTF-8)] Unsupported charset\r\n", false),
                c("bad date", SELECT + "a SEARCH SINCE 31-Feb-2020\r\n", SELECTED + "a BAD Invalid date\r\n", false),
                c("AUTHENTICATE with bad base64", "a AUTHENTICATE PLAIN !!!\r\n", "a BAD Invalid base64 data\r\n", false),
                c("AUTHENTICATE as someone else", "a AUTHENTICATE PLAIN " + b64("admin\0alice\0secret") + "\r\n",
                        "a NO [AUTHENTICATIONFAILED] Authentication failed\r\n", false),
                c("AUTHENTICATE unknown mechanism", "a AUTHENTICATE CRAM-MD5\r\n", "a NO [CANNOT] Unsupported authentication mechanism\r\n", false),
                c("AUTHENTICATE response too long", "a AUTHENTICATE PLAIN\r\n" + "QUFB".repeat(20_000) + "\r\n",
                        "+ \r\n* BYE [TOOBIG] Command line too long\r\n", true),
                c("too many BADs", "x\r\n".repeat(21), "x BAD Missing command\r\n".repeat(19) + "x BAD Missing command\r\n"
                        + "* BYE Too many invalid commands\r\n", true),
                c("STORE \\Recent is ignored", SELECT + "a STORE 1 FLAGS.SILENT (\\Recent)\r\n", SELECTED + "a OK STORE completed\r\n", false),
                c("CHANGEDSINCE 0 names every message", SELECT + "a FETCH 1:* FLAGS (CHANGEDSINCE 0)\r\n", SELECTED + HIGHEST
                        + "* 1 FETCH (FLAGS (\\Recent) MODSEQ (2))\r\n* 2 FETCH (FLAGS (\\Recent) MODSEQ (3))\r\na OK FETCH completed\r\n", false),
                c("CHANGEDSINCE over 2^63-1", SELECT + "a FETCH 1 FLAGS (CHANGEDSINCE 9223372036854775808)\r\n"
                        + "b FETCH 1 FLAGS (CHANGEDSINCE 99999999999999999999999999)\r\n",
                        SELECTED + "a BAD Invalid mod-sequence\r\nb BAD Invalid mod-sequence\r\n", false),
                c("UNCHANGEDSINCE over 2^64", SELECT + "a STORE 1 (UNCHANGEDSINCE 18446744073709551616) +FLAGS (\\Deleted)\r\n",
                        SELECTED + "a BAD Invalid mod-sequence\r\n", false),
                c("UNCHANGEDSINCE on missing messages", SELECT + "a STORE 3 (UNCHANGEDSINCE 5) +FLAGS (\\Deleted)\r\n"
                        + "b UID STORE 9 (UNCHANGEDSINCE 5) +FLAGS (\\Deleted)\r\n",
                        SELECTED + "a BAD Invalid message sequence number\r\n" + HIGHEST + "b OK STORE completed\r\n", false),
                c("UNCHANGEDSINCE 0 changes nothing", SELECT + "a STORE 1:2 (UNCHANGEDSINCE 0) +FLAGS (\\Deleted)\r\n",
                        SELECTED + HIGHEST + "a OK [MODIFIED 1:2] Conditional STORE failed\r\n", false),
                c("unknown STORE and FETCH modifiers", SELECT + "a STORE 1 (UNCHANGED 5) +FLAGS (\\Deleted)\r\n"
                        + "b FETCH 1 FLAGS (CHANGEDSINCE 1 CHANGEDSINCE 2)\r\nc FETCH 1 FLAGS (CHANGEDSINCE)\r\n",
                        SELECTED + "a BAD Unknown STORE modifier\r\nb BAD Unknown or repeated FETCH modifier\r\nc BAD Expected a space\r\n", false),
                c("QRESYNC with a lying UIDVALIDITY", QRESYNC + "s SELECT INBOX (QRESYNC (4321 1 1:2))\r\n", SELECTED_CONDSTORE, false),
                c("QRESYNC without ENABLE", LOGIN + "s SELECT INBOX (QRESYNC (1234 1))\r\n", IN + "s BAD QRESYNC is not enabled\r\n", false),
                c("QRESYNC with a zero mod-sequence or UIDVALIDITY", QRESYNC + "a SELECT INBOX (QRESYNC (1234 0))\r\n"
                        + "b SELECT INBOX (QRESYNC (0 5))\r\n", QRESYNC_ON + "a BAD Invalid mod-sequence\r\nb BAD Expected a non-zero number\r\n", false),
                c("QRESYNC with * in known UIDs", QRESYNC + "a SELECT INBOX (QRESYNC (1234 5 1:*))\r\n",
                        QRESYNC_ON + "a BAD '*' and '$' are not allowed here\r\n", false),
                c("QRESYNC with broken seq-match-data", QRESYNC + "a SELECT INBOX (QRESYNC (1234 5 1:2 (1:2)))\r\n",
                        QRESYNC_ON + "a BAD Expected a space\r\n", false),
                c("unknown SELECT parameter", LOGIN + "a SELECT INBOX (CONDSTORE CONDSTORE)\r\nb EXAMINE INBOX (FOO)\r\n",
                        IN + "a BAD Unknown or repeated SELECT parameter\r\nb BAD Unknown or repeated SELECT parameter\r\n", false),
                c("VANISHED without QRESYNC", SELECT + "a UID FETCH 1:* FLAGS (CHANGEDSINCE 1 VANISHED)\r\n",
                        SELECTED + "a BAD QRESYNC is not enabled\r\n", false),
                c("SEARCH RETURN without a list or with an unknown option", SELECT + "a SEARCH RETURN ALL\r\nb SEARCH RETURN (PARTIAL) ALL\r\n",
                        SELECTED + "a BAD Expected '('\r\nb BAD Unknown SEARCH return option\r\n", false),
                c("$ mixed into a sequence set", SELECT + "a FETCH 1,$ FLAGS\r\nb FETCH $:2 FLAGS\r\nc SEARCH $,1\r\n",
                        SELECTED + "a BAD Invalid sequence set\r\nb BAD Invalid sequence set\r\nc BAD Unknown search key\r\n", false),
                c("$ before any SAVE names nothing", SELECT + "a FETCH $ FLAGS\r\nb UID STORE $ +FLAGS (\\Deleted)\r\n",
                        SELECTED + "a OK FETCH completed\r\nb OK STORE completed\r\n", false),
                c("BINARY with a section text", SELECT + "a FETCH 1 BINARY[1.MIME]\r\nb FETCH 1 BINARY.SIZE[TEXT]\r\nc FETCH 1 BINARY\r\n",
                        SELECTED + "a BAD Invalid binary section\r\nb BAD Invalid binary section\r\nc BAD Expected a section\r\n", false),
                c("BINARY part numbers that are zero or huge", SELECT + "a FETCH 1 BINARY[0]\r\nb FETCH 1 BINARY.PEEK[1.99999]\r\n",
                        SELECTED + "a BAD Invalid binary section\r\nb BAD Section part number too big\r\n", false),
                c("literal8 outside APPEND", LOGIN + "a SELECT ~{5}\r\nINBOX\r\n", IN + "+ Ready for literal data\r\na BAD Unexpected characters at end of command\r\n", false),
                c("literal8 that lies about its size", LOGIN + "a APPEND INBOX ~{99+}\r\nshort\r\n", IN, false),
                c("ENABLE IMAP4rev2 then a modified UTF-7 name is taken as written", LOGIN + "e ENABLE IMAP4rev2\r\na SELECT Entw&APw-rfe\r\n",
                        IN + "* ENABLED IMAP4rev2\r\ne OK ENABLE completed\r\na NO [NONEXISTENT] No such mailbox\r\n", false),
                c("STATUS RECENT and DELETED unknown spellings", LOGIN + "a STATUS INBOX (DELETED-STORAGE)\r\n",
                        IN + "a BAD Unknown status item\r\n", false),
                c("commands after LOGOUT are not read", "a LOGOUT\r\nb NOOP\r\n", "* BYE Logging out\r\na OK LOGOUT completed\r\n", true));
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> replays() {
        return corpus().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} byteByByte={1}")
    @MethodSource("replays")
    void earnsItsExactReply(Case hostile, boolean byteByByte) {
        Wire wire = new Wire();
        wire.account.inbox().add("Subject: one\r\n\r\n1\r\n").add("Subject: two\r\n\r\n2\r\n");
        wire.send(hostile.input(), byteByByte);
        assertEquals(hostile.replies(), wire.replies(), hostile.name());
        assertEquals(hostile.closed(), wire.closed(), "closed");
        assertEquals(Set.of(1L, 2L), wire.account.inbox().uids(), "nothing expunged");
        assertTrue(wire.account.inbox().flagsOf(1).isEmpty(), "no flag changed");
    }

    @ParameterizedTest(name = "after the whole corpus, byteByByte={0}")
    @ValueSource(booleans = {false, true})
    void aFreshSessionAfterEveryCaseStillWorks(boolean byteByByte) {
        Wire wire = new Wire();
        corpus().filter(c -> !c.closed()).forEach(c -> wire.another().send(c.input(), byteByByte));
        wire.send(LOGIN + "a NOOP\r\n");
        assertEquals(IN + "a OK NOOP completed\r\n", wire.replies());
    }
}
