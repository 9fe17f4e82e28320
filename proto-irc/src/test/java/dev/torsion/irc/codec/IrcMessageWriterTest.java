package dev.torsion.irc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer, byte for byte, and the round trip through the parser. */
class IrcMessageWriterTest {
    private final IrcMessageWriter writer = IrcMessageWriter.standard();

    private String wire(IrcMessage message) {
        return new String(writer.write(message), StandardCharsets.UTF_8);
    }

    @Test
    void trailingGetsAColonOnlyWhenItNeedsOne() {
        assertEquals("PING x\r\n", wire(IrcMessage.of("PING", "x")));
        assertEquals("PRIVMSG #c :hello world\r\n", wire(IrcMessage.of("PRIVMSG", "#c", "hello world")));
        assertEquals("TOPIC #c :\r\n", wire(IrcMessage.of("TOPIC", "#c", "")));
        assertEquals("PRIVMSG #c ::)\r\n", wire(IrcMessage.of("PRIVMSG", "#c", ":)")));
        assertEquals(":srv 001 nick Welcome\r\n", wire(IrcMessage.from("srv", "001", "nick", "Welcome")));
        assertEquals("LIST\r\n", wire(IrcMessage.of("LIST")));
    }

    @Test
    void tagsAreEscaped() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("time", "2026-12-05T23:00:00.000Z");
        tags.put("+x", "a b;c\\d\r\n");
        tags.put("flag", "");
        IrcMessage m = IrcMessage.from("n!u@h", "PRIVMSG", "#c", "hi").withTags(tags);
        assertEquals("@time=2026-12-05T23:00:00.000Z;+x=a\\sb\\:c\\\\d\\r\\n;flag :n!u@h PRIVMSG #c hi\r\n", wire(m));
    }

    @Test
    void roundTrip() throws Exception {
        IrcMessageParser parser = IrcMessageParser.standard();
        IrcMessage m = IrcMessage.from("n!u@h", "PRIVMSG", "#c", " lead: and ; trail ").withTag("+a/b", "; \\\r\n");
        byte[] bytes = writer.write(m);
        assertEquals(m, parser.parse(Arrays.copyOf(bytes, bytes.length - 2)));
    }

    @Test
    void refusesWhatCannotBeWritten() {
        assertThrows(IllegalArgumentException.class, () -> writer.write(IrcMessage.of("PRIVMSG", "#c", "a\r\nQUIT")));
        assertThrows(IllegalArgumentException.class, () -> writer.write(IrcMessage.of("PRIVMSG", "a b", "x")));
        assertThrows(IllegalArgumentException.class, () -> writer.write(IrcMessage.of("MODE", "", "x")));
        assertThrows(IllegalArgumentException.class, () -> writer.write(IrcMessage.of("PRIVMSG", "#c", "a\0b")));
        assertThrows(IllegalArgumentException.class, () -> writer.write(IrcMessage.of("X").withTag("bad key", "v")));
    }

    @Test
    void longMessagesAreCutAtACharacterBoundary() {
        String snow = "\u2603".repeat(200);
        byte[] out = writer.write(IrcMessage.from("nick!user@host.example", "PRIVMSG", "#c", snow));
        assertEquals(true, out.length <= 512);
        String line = new String(out, StandardCharsets.UTF_8);
        assertEquals(true, line.endsWith("\u2603\r\n"));
        assertEquals(-1, line.indexOf('\ufffd'));
        assertArrayEquals(new byte[] {'a', 'b'}, IrcMessageWriter.cut(new byte[] {'a', 'b'}, 5));
    }
}
