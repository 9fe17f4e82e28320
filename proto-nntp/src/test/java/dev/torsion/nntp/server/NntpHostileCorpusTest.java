package dev.torsion.nntp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.torsion.nntp.NntpLimits;
import dev.torsion.nntp.support.Wire;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed NNTP input with the exact replies each earns, whether the connection ends,
 * and that nothing refused reaches the spool; replayed whole and byte by byte. Articles are limited
 * to 4 KiB here.
 */
class NntpHostileCorpusTest {
    private static final String GOOD = "From: a@b\r\nNewsgroups: alt.test\r\nSubject: s\r\n";
    private static final String FULL = "Path: x!y\r\nFrom: a@b\r\nNewsgroups: alt.test\r\nSubject: s\r\nDate: Sat, 05 Dec 2026 09:00:00 +0000\r\n";
    private static final String POST = "340 Input article; end with <CR-LF>.<CR-LF>\r\n";
    private static final String SEND = "335 Send it; end with <CR-LF>.<CR-LF>\r\n";

    @TempDir
    Path dir;

    record Case(String name, String input, String replies, boolean closed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String input, String replies, boolean closed) {
        return new Case(name, input, replies, closed);
    }

    static Stream<Case> corpus() {
        return Stream.of(
                // Command lines (RFC 3977 §3.1).
                c("command line over 512 octets", "GROUP " + "a".repeat(600) + "\r\nQUIT\r\n", "501 Line too long\r\n", true),
                c("endless line", "x".repeat(100_000), "501 Line too long\r\n", true),
                c("argument over 497 octets", "GROUP " + "a".repeat(498) + "\r\n", "501 Argument too long\r\n", false),
                c("NUL in command", "GR\0OUP alt.test\r\n", "501 Control character in command\r\n", false),
                c("bare CR in command", "GROUP a\rb\r\n", "501 Control character in command\r\n", false),
                c("empty line", "\r\n", "500 Empty command\r\n", false),
                c("unknown keyword", "XYZZY\r\n", "500 Unknown command\r\n", false),
                c("keyword with junk", "GR$UP alt.test\r\n", "500 Unknown command\r\n", false),
                c("too many errors", "X\r\n".repeat(21), "500 Unknown command\r\n".repeat(20) + "400 Too many errors\r\n", true),
                // Ranges and numbers (RFC 3977 §6.1.2, §6).
                c("negative range", "GROUP comp.lang.java\r\nOVER -5\r\n", "211 2 1 2 comp.lang.java\r\n501 Bad article number or range\r\n", false),
                c("range past 2^31-1", "GROUP comp.lang.java\r\nOVER 1-2147483648\r\n",
                        "211 2 1 2 comp.lang.java\r\n501 Article number out of range\r\n", false),
                c("reversed range", "GROUP comp.lang.java\r\nOVER 2-1\r\n", "211 2 1 2 comp.lang.java\r\n423 No articles in that range\r\n", false),
                c("range with letters", "LISTGROUP comp.lang.java 1-x\r\n", "501 Bad article number or range\r\n", false),
                c("article zero", "GROUP comp.lang.java\r\nARTICLE 0\r\n", "211 2 1 2 comp.lang.java\r\n423 No article with that number\r\n", false),
                c("article past the end", "GROUP comp.lang.java\r\nHEAD 3\r\n", "211 2 1 2 comp.lang.java\r\n423 No article with that number\r\n", false),
                c("huge article number", "GROUP comp.lang.java\r\nSTAT 99999999999999999\r\n",
                        "211 2 1 2 comp.lang.java\r\n501 Bad article number or range\r\n", false),
                c("bad message-id", "ARTICLE <a b>\r\n", "501 Syntax: ARTICLE [message-id|number]\r\n", false),
                c("unterminated message-id", "STAT <abc\r\n", "501 Bad message-id\r\n", false),
                c("unknown message-id", "BODY <nope@x>\r\n", "430 No article with that message-id\r\n", false),
                c("group name traversal", "GROUP ../../etc\r\n", "411 No such newsgroup\r\n", false),
                c("bad wildmat", "LIST ACTIVE [a]\r\n", "501 Bad wildmat\r\n", false),
                c("bad date", "NEWGROUPS 20261399 000000\r\n", "501 Bad date or time\r\n", false),
                c("NEWNEWS without time", "NEWNEWS * 20261205\r\n", "501 Syntax: NEWNEWS wildmat date time [GMT]\r\n", false),
                c("HDR of an unknown metadata item", "GROUP comp.lang.java\r\nHDR :secret 1-\r\n",
                        "211 2 1 2 comp.lang.java\r\n503 No such metadata item\r\n", false),
                c("HDR of an absent field over an empty range", "GROUP comp.lang.java\r\nHDR X-Secret 5-9\r\n",
                        "211 2 1 2 comp.lang.java\r\n423 No articles in that range\r\n", false),
                // Dot-stuffing (RFC 3977 §3.1.1).
                c("LF-dot-LF does not end a post", "POST\r\n" + GOOD + "\r\nbody\n.\nGROUP x\r\n.\r\n",
                        POST + "441 Bare CR or LF in article\r\n", true),
                c("CR-dot-CR does not end a post", "POST\r\n" + GOOD + "\r\nbody\r.\rGROUP x\r\n.\r\n",
                        POST + "441 Bare CR or LF in article\r\n", true),
                c("stuffed terminator is content", "POST\r\n" + GOOD + "Message-ID: <dots@x>\r\n\r\n..\r\n.\r\nBODY <dots@x>\r\n",
                        POST + "240 Article received OK <dots@x>\r\n222 0 <dots@x> Body follows\r\n..\r\n.\r\n", false),
                c("command smuggled after terminator waits its turn", "POST\r\n" + GOOD + "Message-ID: <sm@x>\r\n\r\nb\r\n.\r\nDATE\r\n",
                        POST + "240 Article received OK <sm@x>\r\n111 20261205120000\r\n", false),
                // Articles (RFC 5536).
                c("article without headers", "POST\r\n\r\njust a body\r\n.\r\n", POST + "441 Article has no headers\r\n", false),
                c("article of plain text", "POST\r\nhello world\r\n.\r\n", POST + "441 Article has no headers\r\n", false),
                c("empty article", "POST\r\n.\r\n", POST + "441 Article has no headers\r\n", false),
                c("article without Subject", "POST\r\nFrom: a@b\r\nNewsgroups: alt.test\r\n\r\nb\r\n.\r\n",
                        POST + "441 Missing Subject header\r\n", false),
                c("article to no existing group", "POST\r\nFrom: a@b\r\nNewsgroups: no.such\r\nSubject: s\r\n\r\nb\r\n.\r\n",
                        POST + "441 No such newsgroup\r\n", false),
                c("duplicate message-id posted", "POST\r\n" + GOOD + "Message-ID: <first@example.org>\r\n\r\nb\r\n.\r\n",
                        POST + "441 Duplicate article <first@example.org>\r\n", false),
                c("two Newsgroups headers", "POST\r\n" + GOOD + "Newsgroups: comp.lang.java\r\n\r\nb\r\n.\r\n",
                        POST + "441 Duplicate Newsgroups header\r\n", false),
                c("oversize post", "POST\r\n" + GOOD + "\r\n" + ("y".repeat(70) + "\r\n").repeat(100) + ".\r\nDATE\r\n",
                        POST + "441 Article too large\r\n111 20261205120000\r\n", false),
                c("over-long article line", "POST\r\n" + GOOD + "\r\n" + "z".repeat(999) + "\r\n.\r\nDATE\r\n",
                        POST + "441 Line too long in article\r\n111 20261205120000\r\n", false),
                c("too many headers", "POST\r\n" + GOOD + "X-A: 1\r\n".repeat(300) + "\r\nb\r\n.\r\n",
                        POST + "441 Too many header fields\r\n", false),
                // IHAVE (RFC 3977 §6.3.2).
                c("IHAVE without message-id", "IHAVE\r\n", "501 Syntax: IHAVE message-id\r\n", false),
                c("IHAVE message-id mismatch", "IHAVE <one@x>\r\n" + FULL + "Message-ID: <two@x>\r\n\r\nb\r\n.\r\n",
                        SEND + "437 Message-ID does not match the command\r\n", false),
                c("IHAVE missing Path", "IHAVE <one@x>\r\nFrom: a@b\r\nNewsgroups: alt.test\r\nSubject: s\r\n"
                        + "Date: Sat, 05 Dec 2026 09:00:00 +0000\r\nMessage-ID: <one@x>\r\n\r\nb\r\n.\r\n", SEND + "437 Missing Path header\r\n", false),
                c("IHAVE oversize", "IHAVE <one@x>\r\n" + FULL + "Message-ID: <one@x>\r\n\r\n" + "w".repeat(900).concat("\r\n").repeat(5) + ".\r\n",
                        SEND + "437 Article too large\r\n", false),
                c("IHAVE bare LF", "IHAVE <one@x>\r\n" + FULL + "\nMessage-ID: <one@x>\r\n\r\n.\r\n", SEND + "437 Bare CR or LF in article\r\n", true),
                // Sessions (RFC 4643, RFC 4642).
                c("AUTHINFO unknown mechanism", "AUTHINFO SASL PLAIN\r\n", "503 Only AUTHINFO USER and PASS are supported\r\n", false),
                c("AUTHINFO PASS first", "AUTHINFO PASS secret\r\n", "482 Authentication commands issued out of sequence\r\n", false),
                c("too many failed logins", "AUTHINFO USER a\r\nAUTHINFO PASS b\r\n".repeat(3),
                        "381 Password required\r\n481 Authentication failed\r\n".repeat(2) + "381 Password required\r\n"
                                + "481 Authentication failed, too many attempts\r\n", true),
                c("STARTTLS not offered", "STARTTLS\r\n", "502 STARTTLS not available\r\n", false),
                c("MODE junk", "MODE JUNK\r\n", "501 Syntax: MODE READER|STREAM\r\n", false),
                // Streaming (RFC 4644).
                c("TAKETHIS without message-id", "TAKETHIS\r\n" + FULL + "\r\nb\r\n.\r\n", "501 Syntax: TAKETHIS message-id\r\n", true),
                c("TAKETHIS bare LF", "TAKETHIS <t@x>\r\n" + FULL + "\nMessage-ID: <t@x>\r\n\r\n.\r\n",
                        "439 <t@x> Bare CR or LF in article\r\n", true),
                c("TAKETHIS oversize", "TAKETHIS <t@x>\r\n" + FULL + "Message-ID: <t@x>\r\n\r\n" + "v".repeat(900).concat("\r\n").repeat(5)
                        + ".\r\nDATE\r\n", "439 <t@x> Article too large\r\n111 20261205120000\r\n", false),
                c("TAKETHIS of no headers", "TAKETHIS <t@x>\r\nplain\r\n.\r\n", "439 <t@x> Article has no headers\r\n", false),
                c("CHECK bad message-id", "CHECK t@x\r\n", "501 Syntax: CHECK message-id\r\n", false),
                c("QUIT ends the packet", "QUIT\r\nGROUP alt.test\r\n", "205 Connection closing\r\n", true));
    }

    static Stream<Arguments> replays() {
        return corpus().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} byteByByte={1}")
    @MethodSource("replays")
    void replay(Case c, boolean byteByByte) throws Exception {
        Wire wire = new Wire(dir, config -> config.withLimits(NntpLimits.DEFAULTS.withArticleSize(4096)));
        wire.send(c.input().getBytes(StandardCharsets.UTF_8), byteByByte);
        assertEquals(c.replies(), wire.replies());
        assertEquals(c.closed(), wire.closed(), "closed");
        if (!c.replies().contains("240 ") && !c.replies().contains("235 ")) {
            assertFalse(Files.exists(dir.resolve("articles/alt/test/1")), "nothing refused is stored");
        }
    }
}
