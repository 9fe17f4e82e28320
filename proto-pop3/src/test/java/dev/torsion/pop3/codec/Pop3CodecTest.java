package dev.torsion.pop3.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pop3CodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String message, int lines) {
        return new String(MultilineEncoder.encode(b(message), lines), StandardCharsets.UTF_8);
    }

    @Test
    void parsesKeywordsAndArguments() throws Exception {
        assertEquals(new Pop3Command("TOP", List.of("1", "10")), Pop3CommandParser.parse(b("top 1 10")));
        assertEquals(new Pop3Command("PASS", List.of("with  spaces ")), Pop3CommandParser.parse(b("PASS with  spaces ")));
        assertEquals(new Pop3Command("STAT", List.of()), Pop3CommandParser.parse(b("STAT")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("RETR  1")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("RETR 1 ")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("GO")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("STATS")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("USER " + "a".repeat(41))));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(b("USER a\0b")));
        assertThrows(Pop3SyntaxException.class, () -> Pop3CommandParser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xff}));
    }

    @Test
    void messageNumbers() {
        assertEquals(1, Pop3CommandParser.messageNumber("1"));
        assertEquals(-1, Pop3CommandParser.messageNumber("0"));
        assertEquals(-1, Pop3CommandParser.messageNumber("-1"));
        assertEquals(-1, Pop3CommandParser.messageNumber("+1"));
        assertEquals(-1, Pop3CommandParser.messageNumber("1x"));
        assertEquals(-1, Pop3CommandParser.messageNumber("9999999999"));
    }

    @Test
    void byteStuffsNormalisesAndTerminates() {
        assertEquals("a\r\n..b\r\n..\r\n.\r\n", encode("a\r\n.b\r\n.\r\n", -1));
        assertEquals("a\r\nb\r\n.\r\n", encode("a\nb\n", -1));
        assertEquals("no final newline\r\n.\r\n", encode("no final newline", -1));
        assertEquals(".\r\n", encode("", -1));
        assertEquals("a\r\nb\r\n.\r\n", encode("a\rb\r\n", -1), "a bare CR ends a line too");
    }

    @Test
    void topCutsTheBody() {
        String message = "H: 1\r\nH: 2\r\n\r\nb1\r\nb2\r\nb3\r\n";
        assertEquals("H: 1\r\nH: 2\r\n\r\n.\r\n", encode(message, 0));
        assertEquals("H: 1\r\nH: 2\r\n\r\nb1\r\nb2\r\n.\r\n", encode(message, 2));
        assertEquals("H: 1\r\nH: 2\r\n\r\nb1\r\nb2\r\nb3\r\n.\r\n", encode(message, 10));
    }
}
