package dev.torsion.pop3.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.pop3.support.Wire;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed POP3 input with the exact replies each earns, whether the connection ends
 * and whether anything was deleted; replayed whole and byte by byte.
 */
class HostilePop3CorpusTest {
    private static final String LOGIN = "USER alice\r\nPASS secret\r\n";
    private static final String IN = "+OK Send your password\r\n+OK Logged in, 2 messages\r\n";

    record Case(String name, String input, String replies, boolean closed, Charset charset) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String input, String replies, boolean closed) {
        return new Case(name, input, replies, closed, StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Case> corpus() {
        return Stream.of(
                c("line over 255 octets", "NOOP " + "a".repeat(300) + "\r\nQUIT\r\n", "-ERR Line too long\r\n", true),
                c("endless line", "x".repeat(100_000), "-ERR Line too long\r\n", true),
                c("NUL in command", "US\0ER alice\r\n", "-ERR Control character in command\r\n", false),
                c("bare CR in command", "USER a\rb\r\n", "-ERR Control character in command\r\n", false),
                new Case("invalid UTF-8", "USER \u00c3(\r\n", "-ERR Invalid UTF-8 in command\r\n", false, StandardCharsets.ISO_8859_1),
                c("unknown keyword", "XTND XMIT\r\n", "-ERR Unknown command in AUTHORIZATION state\r\n", false),
                c("keyword too long", "RETRIEVE 1\r\n", "-ERR Unknown command\r\n", false),
                c("argument over 40", "USER " + "u".repeat(41) + "\r\n", "-ERR Bad argument\r\n", false),
                c("double space", "USER  alice\r\n", "-ERR Bad argument\r\n", false),
                c("STAT before login", "STAT\r\n", "-ERR Unknown command in AUTHORIZATION state\r\n", false),
                c("RETR before login", "RETR 1\r\n", "-ERR Unknown command in AUTHORIZATION state\r\n", false),
                c("PASS without USER", "PASS secret\r\n", "-ERR USER first\r\n", false),
                c("USER after login", LOGIN + "USER bob\r\n", IN + "-ERR Unknown command in TRANSACTION state\r\n", false),
                c("RETR 0", LOGIN + "RETR 0\r\n", IN + "-ERR No such message\r\n", false),
                c("RETR negative", LOGIN + "RETR -1\r\n", IN + "-ERR No such message\r\n", false),
                c("RETR overflow", LOGIN + "RETR 99999999999999\r\n", IN + "-ERR No such message\r\n", false),
                c("RETR past the end", LOGIN + "RETR 3\r\n", IN + "-ERR No such message\r\n", false),
                c("RETR junk", LOGIN + "RETR 1x\r\n", IN + "-ERR No such message\r\n", false),
                c("RETR without argument", LOGIN + "RETR\r\n", IN + "-ERR Syntax: RETR msg\r\n", false),
                c("TOP negative lines", LOGIN + "TOP 1 -1\r\n", IN + "-ERR Syntax: TOP msg lines\r\n", false),
                c("DELE twice", LOGIN + "DELE 2\r\nDELE 2\r\n", IN + "+OK Message 2 deleted\r\n-ERR Message 2 already deleted\r\n", false),
                c("LIST junk", LOGIN + "LIST a b\r\n", IN + "-ERR Syntax: LIST [msg]\r\n", false),
                c("AUTH bad base64", "AUTH PLAIN !!!\r\n", "-ERR Invalid base64 data\r\n", false),
                c("AUTH PLAIN no NULs", "AUTH PLAIN " + b64("alicesecret") + "\r\n", "-ERR Invalid PLAIN response\r\n", false),
                c("AUTH as someone else", "AUTH PLAIN " + b64("admin\0alice\0secret") + "\r\n", "-ERR [AUTH] Authentication failed\r\n", false),
                c("AUTH unknown mechanism", "AUTH CRAM-MD5\r\n", "-ERR Unsupported authentication mechanism\r\n", false),
                c("AUTH response too long", "AUTH PLAIN\r\n" + "QUFB".repeat(3000) + "\r\n", "+ \r\n-ERR Line too long\r\n", true),
                c("APOP without timestamp", "APOP alice 0123456789abcdef0123456789abcdef\r\n", "-ERR APOP not available\r\n", false),
                c("STLS not offered", "STLS\r\n", "-ERR STLS not available\r\n", false),
                c("too many failed logins", "USER a\r\nPASS b\r\nUSER a\r\nPASS b\r\nUSER a\r\nPASS b\r\nUSER alice\r\nPASS secret\r\n",
                        "+OK Send your password\r\n-ERR [AUTH] Authentication failed\r\n".repeat(2)
                                + "+OK Send your password\r\n-ERR [AUTH] Authentication failed, too many attempts\r\n", true),
                c("too many errors", "X\r\n".repeat(12), "-ERR Unknown command\r\n".repeat(10) + "-ERR Too many errors\r\n", true),
                c("QUIT ends the packet", LOGIN + "DELE 1\r\nQUIT\r\nRSET\r\n", IN + "+OK Message 1 deleted\r\n+OK Bye, 1 messages deleted\r\n", true));
    }

    static Stream<Arguments> replays() {
        return corpus().flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
    }

    @ParameterizedTest(name = "{0} byteByByte={1}")
    @MethodSource("replays")
    void earnsItsExactReply(Case hostile, boolean byteByByte) {
        Wire wire = new Wire();
        wire.mailbox.add("Subject: one\r\n\r\n1\r\n").add("Subject: two\r\n\r\n2\r\n");
        wire.send(hostile.input().getBytes(hostile.charset()), byteByByte);
        assertEquals(hostile.replies(), wire.replies(), hostile.name());
        assertEquals(hostile.closed(), wire.closed(), "closed");
        if (!hostile.name().equals("QUIT ends the packet")) {
            assertTrue(wire.mailbox.deletedIds.isEmpty(), "nothing deleted");
        }
    }
}
