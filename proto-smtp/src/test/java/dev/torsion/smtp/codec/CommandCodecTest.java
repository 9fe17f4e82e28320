package dev.torsion.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandCodecTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsCrLfLinesAcrossEverySplit() {
        String wire = "EHLO a\r\nMAIL FROM:<x@y>\r\nRE";
        for (int split = 0; split <= wire.length(); split++) {
            InputBuffer input = new InputBuffer();
            CommandLineReader reader = new CommandLineReader();
            input.append(ascii(wire.substring(0, split)));
            StringBuilder seen = new StringBuilder();
            while (reader.next(input, 512) == CommandLineReader.Outcome.LINE) {
                seen.append(new String(reader.line(), StandardCharsets.US_ASCII)).append('|');
            }
            input.append(ascii(wire.substring(split)));
            while (reader.next(input, 512) == CommandLineReader.Outcome.LINE) {
                seen.append(new String(reader.line(), StandardCharsets.US_ASCII)).append('|');
            }
            assertEquals("EHLO a|MAIL FROM:<x@y>|", seen.toString(), "split " + split);
            assertEquals(2, input.size());
        }
    }

    @Test
    void lineOf512OctetsWithCrLfPassesAnd513IsTooLong() {
        CommandLineReader reader = new CommandLineReader();
        InputBuffer input = new InputBuffer();
        input.append(ascii("N".repeat(510) + "\r\n"));
        assertEquals(CommandLineReader.Outcome.LINE, reader.next(input, 512));
        input.append(ascii("N".repeat(511) + "\r\nNOOP\r\n"));
        assertEquals(CommandLineReader.Outcome.TOO_LONG, reader.next(input, 512));
        assertEquals(CommandLineReader.Outcome.LINE, reader.next(input, 512));
        assertArrayEquals(ascii("NOOP"), reader.line());
    }

    @Test
    void anEndlessLineIsDiscardedAsItComesAndReportedOnce() {
        CommandLineReader reader = new CommandLineReader();
        InputBuffer input = new InputBuffer();
        for (int i = 0; i < 100; i++) {
            input.append(ascii("x".repeat(1000)));
            assertEquals(CommandLineReader.Outcome.NEED_MORE, reader.next(input, 512));
            assertEquals(0, input.size());
        }
        input.append(ascii("tail\r\nNOOP\r\n"));
        assertEquals(CommandLineReader.Outcome.TOO_LONG, reader.next(input, 512));
        assertEquals(CommandLineReader.Outcome.LINE, reader.next(input, 512));
    }

    @Test
    void bareLfIsReportedNotTakenAsALine() {
        CommandLineReader reader = new CommandLineReader();
        InputBuffer input = new InputBuffer();
        input.append(ascii("RSET\nNOOP\r\n"));
        assertEquals(CommandLineReader.Outcome.BARE_LF, reader.next(input, 512));
        assertEquals(CommandLineReader.Outcome.LINE, reader.next(input, 512));
        assertArrayEquals(ascii("NOOP"), reader.line());
    }

    @Test
    void parsesVerbsCaseInsensitively() throws Exception {
        SmtpCommand command = CommandParser.parse(ascii("mail FROM:<a@b>"));
        assertEquals(Verb.MAIL, command.verb());
        assertEquals("FROM:<a@b>", command.argument());
        assertEquals(Verb.UNKNOWN, CommandParser.parse(ascii("FOO bar")).verb());
    }

    @Test
    void controlCharactersAndBadUtf8AreRefused() {
        assertEquals(500, assertThrows(SmtpSyntaxException.class, () -> CommandParser.parse(ascii("NOOP\0"))).reply().code());
        assertEquals(500, assertThrows(SmtpSyntaxException.class, () -> CommandParser.parse(ascii("HELO a\rb"))).reply().code());
        assertEquals(500, assertThrows(SmtpSyntaxException.class, () -> CommandParser.parse(new byte[] {'H', 'E', 'L', 'O', ' ', (byte) 0xC3})).reply().code());
    }

    @Test
    void parsesPathsAndParameters() throws Exception {
        PathArgument mail = PathParser.parseMail("FROM:<alice@example.org> SIZE=1000 body=8BITMIME SMTPUTF8");
        assertEquals(new Mailbox("alice", "example.org"), mail.mailbox());
        assertEquals(Map.of("SIZE", "1000", "BODY", "8BITMIME", "SMTPUTF8", ""), mail.parameters());
        assertNull(PathParser.parseMail("FROM:<>").mailbox());
        assertEquals(new Mailbox("bob", "example.org"), PathParser.parseRcpt("TO: <@relay.example,@b.example:bob@example.org>").mailbox());
        assertEquals(new Mailbox("postmaster", ""), PathParser.parseRcpt("TO:<Postmaster>").mailbox().isPostmaster()
                ? new Mailbox("postmaster", "") : null);
        assertEquals("\"a b\"", PathParser.parseRcpt("TO:<\"a b\"@example.org>").mailbox().localPart());
        assertEquals("[192.0.2.1]", PathParser.parseRcpt("TO:<x@[192.0.2.1]>").mailbox().domain());
        assertEquals("jösé", PathParser.parseRcpt("TO:<jösé@example.org>").mailbox().localPart());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FROM:alice@example.org|501",
        "FROM:<alice@example.org|501",
        "FROM:<alice>|501",
        "FROM:<a..b@example.org>|501",
        "FROM:<.a@example.org>|501",
        "FROM:<a@-bad.org>|501",
        "FROM:<a@bad..org>|501",
        "FROM:<a b@example.org>|501",
        "FROM:<a@example.org>SIZE=1|501",
        "FROM:<a@example.org> SIZE=|501",
        "FROM:<a@example.org> SIZE=1 SIZE=2|501",
        "FROM:<a<b@example.org>|501",
        "TO:<a@example.org>|501",
        "FROM:<a@[1.2.3.4 ]>|501",
    })
    void refusesBadMailPaths(String argument, int code) {
        assertEquals(code, assertThrows(SmtpSyntaxException.class, () -> PathParser.parseMail(argument)).reply().code());
    }

    @Test
    void refusesLongParts() {
        assertThrows(SmtpSyntaxException.class, () -> PathParser.parseRcpt("TO:<" + "a".repeat(65) + "@example.org>"));
        assertThrows(SmtpSyntaxException.class, () -> PathParser.parseRcpt("TO:<a@" + "b".repeat(64) + ".org>"));
        assertThrows(SmtpSyntaxException.class, () -> PathParser.parseRcpt("TO:<>"));
        assertThrows(SmtpSyntaxException.class, () -> PathParser.parseRcpt("TO:<nobody>"));
    }

    @Test
    void decodesSaslResponses() throws Exception {
        SaslResponses.Plain plain = SaslResponses.plain(SaslResponses.decodeBase64("AGFsaWNlAHNlY3JldA=="));
        assertEquals("alice", plain.username());
        assertEquals("", plain.authorizationId());
        assertArrayEquals(ascii("secret"), plain.password());
        assertEquals(501, assertThrows(SmtpSyntaxException.class, () -> SaslResponses.decodeBase64("!!!")).reply().code());
        assertThrows(SmtpSyntaxException.class, () -> SaslResponses.plain(ascii("no-nuls")));
        assertThrows(SmtpSyntaxException.class, () -> SaslResponses.plain(ascii("a\0b\0c\0d")));
        assertThrows(SmtpSyntaxException.class, () -> SaslResponses.plain(ascii("\0\0pw")));
    }
}
