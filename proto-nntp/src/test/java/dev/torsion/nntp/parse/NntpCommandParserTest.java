package dev.torsion.nntp.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.nntp.NntpLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command lines, ranges, wildmats, message-ids and dates (RFC 3977 §3.1, §4, §3.6, §7.3.2). */
class NntpCommandParserTest {
    private static NntpCommand parse(String line) throws NntpSyntaxException {
        return NntpCommandParser.parse(line.getBytes(StandardCharsets.UTF_8), NntpLimits.DEFAULTS);
    }

    private static int code(String line) {
        return assertThrows(NntpSyntaxException.class, () -> parse(line)).code();
    }

    @Test
    void keywordsAreCaseInsensitiveAndArgumentsSplitOnBlanks() throws Exception {
        NntpCommand command = parse("group \t comp.lang.java  ");
        assertEquals("GROUP", command.keyword());
        assertEquals(List.of("comp.lang.java"), command.arguments());
        assertEquals(List.of("ACTIVE", "comp.*"), parse("LIST ACTIVE comp.*").arguments());
        assertEquals("OVERVIEW.FMT", parse("LIST OVERVIEW.FMT").argument(0));
    }

    @Test
    void authinfoPassKeepsSpaces() throws Exception {
        assertEquals(List.of("PASS", "my secret  pass"), parse("AUTHINFO PASS my secret  pass").arguments());
        assertEquals(List.of("pass", "x"), parse("authinfo pass x").arguments());
    }

    @Test
    void refusals() {
        assertEquals(500, code(""));
        assertEquals(500, code("   "));
        assertEquals(500, code("GR\u00c9UP x"));
        assertEquals(501, code("GROUP a\0b"));
        assertEquals(501, code("GROUP " + "a".repeat(498)));
        assertEquals(501, assertThrows(NntpSyntaxException.class,
                () -> NntpCommandParser.parse(new byte[] {'G', ' ', (byte) 0xc3, '('}, NntpLimits.DEFAULTS)).code());
    }

    @Test
    void ranges() throws Exception {
        assertEquals(new ArticleRange(5, 5), ArticleRange.parse("5"));
        assertEquals(new ArticleRange(5, ArticleRange.MAX_NUMBER), ArticleRange.parse("5-"));
        assertEquals(new ArticleRange(3, 9), ArticleRange.parse("0003-9"));
        assertFalse(new ArticleRange(9, 3).contains(5));
        for (String bad : List.of("", "-", "-5", "a", "1-b", "1--2", "2147483648", "99999999999999999", "1-2-3", " 1")) {
            assertEquals(501, assertThrows(NntpSyntaxException.class, () -> ArticleRange.parse(bad)).code(), bad);
        }
    }

    @Test
    void wildmats() throws Exception {
        Wildmat w = Wildmat.parse("comp.*,!comp.lang.*,comp.lang.java");
        assertTrue(w.matches("comp.os.linux"));
        assertFalse(w.matches("comp.lang.c"));
        assertTrue(w.matches("comp.lang.java"));
        assertFalse(w.matches("alt.test"));
        assertTrue(Wildmat.parse("a?c").matches("abc"));
        assertFalse(Wildmat.parse("a?c").matches("ac"));
        assertTrue(Wildmat.parse("*").matches(""));
        assertTrue(Wildmat.any().matches("x.y"));
        assertFalse(Wildmat.parse("*a*a*a*a*a*a*a*a*b").matches("a".repeat(400)), "no exponential backtracking");
        for (String bad : List.of("", "a,,b", "[ab]", "a\\b", "!", "a!b")) {
            assertThrows(NntpSyntaxException.class, () -> Wildmat.parse(bad), bad);
        }
    }

    @Test
    void messageIds() {
        assertTrue(MessageIds.isValid("<a@b>"));
        assertFalse(MessageIds.isValid("<>"));
        assertFalse(MessageIds.isValid("a@b"));
        assertFalse(MessageIds.isValid("<a b@c>"));
        assertFalse(MessageIds.isValid("<a>b@c>"));
        assertFalse(MessageIds.isValid("<" + "a".repeat(249) + ">"));
    }

    @Test
    void dates() throws Exception {
        ZonedDateTime now = ZonedDateTime.of(2026, 12, 5, 0, 0, 0, 0, ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), DateTimeArgument.parse("20260102", "030405", now));
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), DateTimeArgument.parse("260102", "030405", now));
        assertEquals(Instant.parse("1999-01-02T03:04:05Z"), DateTimeArgument.parse("990102", "030405", now));
        for (String[] bad : List.of(new String[] {"20261302", "000000"}, new String[] {"2026010", "000000"},
                new String[] {"20260101", "250000"}, new String[] {"2026010a", "000000"})) {
            assertEquals(501, assertThrows(NntpSyntaxException.class, () -> DateTimeArgument.parse(bad[0], bad[1], now)).code());
        }
    }
}
