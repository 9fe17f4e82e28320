package dev.torsion.irc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.irc.codec.IrcParseException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser against the examples of Modern IRC, RFC 2812 §2.3.1 and IRCv3 message-tags. */
class IrcMessageParserTest {
    private final IrcMessageParser parser = IrcMessageParser.standard();

    private IrcMessage parse(String line) throws IrcParseException {
        return parser.parse(line);
    }

    @Test
    void commandWithMiddleAndTrailing() throws Exception {
        IrcMessage m = parse(":irc.example.com CAP * LIST :");
        assertEquals("irc.example.com", m.source());
        assertEquals("CAP", m.command());
        assertEquals(List.of("*", "LIST", ""), m.params());
    }

    @Test
    void sourceWithUserAndHost() throws Exception {
        IrcMessage m = parse(":dan!d@localhost PRIVMSG #chan :Hey what's up!");
        assertEquals("dan", m.sourceNick());
        assertEquals(List.of("#chan", "Hey what's up!"), m.params());
        assertEquals("Hey what's up!", m.trailing());
    }

    @Test
    void commandIsUpperCasedAndNumericsKept() throws Exception {
        assertEquals("PRIVMSG", parse("privmsg a b").command());
        IrcMessage numeric = parse(":srv 001 nick :Welcome");
        assertEquals("001", numeric.command());
        assertEquals(true, numeric.isNumeric());
    }

    @Test
    void severalSpacesSeparateAsOne() throws Exception {
        IrcMessage m = parse("USER   guest  0 *   :Ronnie  Reagan ");
        assertEquals(List.of("guest", "0", "*", "Ronnie  Reagan "), m.params());
    }

    @Test
    void trailingWithoutColonAndColonInsideMiddle() throws Exception {
        assertEquals(List.of("#a:b", "x"), parse("PRIVMSG #a:b x").params());
        assertEquals(List.of(":x y"), parse("PRIVMSG ::x y").params());
        assertEquals(List.of(), parse("LIST").params());
        assertEquals(List.of(), parse("LIST   ").params());
    }

    @Test
    void fifteenthParameterTakesTheRestOfTheLine() throws Exception {
        IrcMessage m = parse("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 :17");
        assertEquals(15, m.params().size());
        assertEquals("15 16 :17", m.params().get(14));
    }

    @Test
    void tagsAreUnescapedAndOrdered() throws Exception {
        IrcMessage m = parse("@id=234AB;+example.com/foo=a\\sb\\:c\\\\d\\r\\n;flag :n!u@h PRIVMSG #c :hi");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "234AB");
        expected.put("+example.com/foo", "a b;c\\d\r\n");
        expected.put("flag", "");
        assertEquals(expected, m.tags());
        assertEquals("n!u@h", m.source());
    }

    @Test
    void tagEscapingEdgeCases() throws Exception {
        // message-tags: an unknown escape stands for its character, a lone trailing backslash goes.
        assertEquals("ab", parse("@a=\\a\\b CMD").tags().get("a"));
        assertEquals("x", parse("@a=x\\ CMD").tags().get("a"));
        assertEquals("", parse("@a= CMD").tags().get("a"));
        assertEquals("2", parse("@a=1;a=2 CMD").tags().get("a"));
        assertEquals(Map.of("a", "1"), parse("@a=1;; CMD").tags());
    }

    @Test
    void invalidTagsAreRefused() {
        assertEquals(Reason.BAD_TAGS, assertThrows(IrcParseException.class, () -> parse("@ CMD")).reason());
        assertEquals(Reason.BAD_TAGS, assertThrows(IrcParseException.class, () -> parse("@a_b=1 CMD")).reason());
        assertEquals(Reason.BAD_TAGS, assertThrows(IrcParseException.class, () -> parse("@=1 CMD")).reason());
        assertEquals(Reason.BAD_TAGS, assertThrows(IrcParseException.class, () -> parse("@/x=1 CMD")).reason());
    }

    @Test
    void missingCommand() {
        assertEquals(Reason.NO_COMMAND, assertThrows(IrcParseException.class, () -> parse(":src")).reason());
        assertEquals(Reason.NO_COMMAND, assertThrows(IrcParseException.class, () -> parse(":src ")).reason());
        assertEquals(Reason.NO_COMMAND, assertThrows(IrcParseException.class, () -> parse("@a=1")).reason());
        assertEquals(Reason.NO_COMMAND, assertThrows(IrcParseException.class, () -> parse("   ")).reason());
    }

    @Test
    void badCommands() {
        IrcParseException e = assertThrows(IrcParseException.class, () -> parse("PRIV_MSG x"));
        assertEquals(Reason.BAD_COMMAND, e.reason());
        assertEquals("PRIV_MSG", e.command());
        assertEquals("421", e.reason().numeric());
        assertEquals(Reason.BAD_COMMAND, assertThrows(IrcParseException.class, () -> parse("12 x")).reason());
        assertEquals(Reason.BAD_COMMAND, assertThrows(IrcParseException.class, () -> parse("1234 x")).reason());
    }

    @Test
    void nulAndBareCr() {
        assertEquals(Reason.NUL_BYTE, assertThrows(IrcParseException.class, () -> parse("PRIVMSG a :b\0c")).reason());
        assertEquals(Reason.BARE_CR, assertThrows(IrcParseException.class, () -> parse("PRIVMSG a :b\rc")).reason());
    }

    @Test
    void lengthLimitsCountEachSectionAlone() throws Exception {
        // 510 bytes of message + CR LF = 512: accepted; one more: refused.
        String body = "PRIVMSG #c :" + "x".repeat(510 - 12);
        assertEquals(510, body.length());
        assertEquals(498, parse(body).trailing().length());
        assertEquals(Reason.INPUT_TOO_LONG, assertThrows(IrcParseException.class, () -> parse(body + "x")).reason());
        // The tag section ('@' ... ' ') may hold 8191 bytes on top of the 512.
        String tags = "@a=" + "v".repeat(8191 - 4) + " ";
        assertEquals(8191, tags.length());
        assertEquals(8191 - 4, parse(tags + body).tags().get("a").length());
        IrcParseException e = assertThrows(IrcParseException.class, () -> parse("@a=" + "v".repeat(8191 - 3) + " " + body));
        assertEquals(Reason.TAGS_TOO_LONG, e.reason());
        assertEquals("417", e.reason().numeric());
    }

    @Test
    void invalidUtf8IsReadAsLatin1() throws Exception {
        byte[] line = "PRIVMSG #c :caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", parser.parse(line).trailing());
        assertEquals("caf\u00e9 \u2603", parse("PRIVMSG #c :caf\u00e9 \u2603").trailing());
    }

    @Test
    void accessors() throws Exception {
        IrcMessage m = parse("PING");
        assertNull(m.source());
        assertNull(m.sourceNick());
        assertNull(m.param(0));
        assertNull(m.trailing());
        assertEquals("srv", parse(":srv PING").sourceNick());
        assertEquals("n", parse(":n@h PING").sourceNick());
    }
}
