package dev.torsion.protocols;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.protocols.DotStuffedDecoder.State;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Dot-stuffed blocks both ways (SMTP DATA, POP3, NNTP), byte by byte and over every split. */
class DotStuffedBlockTest {
    private static final String WIRE = "Subject: x\r\n\r\n..leading dot\r\n...\r\n.\r\n";

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code wire} cut once at {@code split}: content, final state, and what was left. */
    private static String[] decode(String wire, int split) {
        DotStuffedDecoder decoder = new DotStuffedDecoder(998, 1 << 20);
        byte[] bytes = b(wire);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int used = decoder.feed(bytes, 0, split);
        content.writeBytes(decoder.takeContent());
        if (used == split) {
            used += decoder.feed(bytes, split, bytes.length - split);
            content.writeBytes(decoder.takeContent());
        }
        return new String[] {s(content.toByteArray()), decoder.state().name(), wire.substring(used)};
    }

    private static void assertEverySplit(String wire, String content, String rest) {
        for (int split = 0; split <= wire.length(); split++) {
            String[] out = decode(wire, split);
            assertEquals("DONE", out[1], "state at split " + split);
            assertEquals(content, out[0], "content at split " + split);
            assertEquals(rest, out[2], "rest at split " + split);
        }
    }

    @Test
    void endsOnlyAtCrLfDotCrLfAndLeavesWhatFollows() {
        assertEverySplit("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n", "Subject: x\r\n\r\nbody\r\n", "QUIT\r\n");
        assertEverySplit(".\r\n", "", "");
    }

    @Test
    void removesDotStuffing() {
        assertEverySplit(WIRE, "Subject: x\r\n\r\n.leading dot\r\n..\r\n", "");
        assertEverySplit("..leading\r\n...\r\n.x\r\n.\r\n", ".leading\r\n..\r\nx\r\n", "");
        assertEverySplit("a.b\r\n a .\r\n.\r\n", "a.b\r\n a .\r\n", "");
    }

    @Test
    void byteByByteWalksTheStates() {
        DotStuffedDecoder decoder = new DotStuffedDecoder(998, 1000);
        String input = "a\r\n.\r\n";
        State[] expected = {State.TEXT, State.CR, State.LINE_START, State.DOT, State.DOT_CR, State.DONE};
        for (int i = 0; i < input.length(); i++) {
            assertEquals(1, decoder.feed(b(input.substring(i, i + 1))));
            assertEquals(expected[i], decoder.state(), "after byte " + i);
        }
        assertTrue(decoder.isFinished());
        assertEquals(0, decoder.feed(b("x")), "nothing is taken after the end");
    }

    @Test
    void bareCrOrLfFailsAndNeverEnds() {
        List<String> smuggled = List.of(
                "a\n.\n",          // LF . LF: the CVE-2023-51764 end marker
                "a\r\n.\n",        // CR LF . LF
                "a\n.\r\n",        // LF . CR LF
                "a\r.\r",          // CR . CR
                "a\r\n.\r",        // CR LF . CR, then more
                "bare\nLF\r\n.\r\n",
                "bare\rCR\r\n.\r\n",
                "a\r\r\n.\r\n",
                ".\n",
                ".\rX");
        for (String wire : smuggled) {
            String padded = wire + "X";
            for (int split = 0; split <= padded.length(); split++) {
                assertEquals("FAILED", decode(padded, split)[1], wire + " at split " + split);
            }
        }
        DotStuffedDecoder decoder = new DotStuffedDecoder(998, 1000);
        decoder.feed(b("a\nb"));
        assertEquals("bare LF", decoder.failure());
    }

    @Test
    void sizeAndLineLimitsAreReportedNotEnforcedByStopping() {
        DotStuffedDecoder decoder = new DotStuffedDecoder(80, 10);
        decoder.feed(b("x".repeat(81) + "\r\n.\r\n"));
        assertEquals(State.DONE, decoder.state());
        assertTrue(decoder.hadLineTooLong());
        assertTrue(decoder.isOversized());
        assertEquals(83, decoder.size());
        assertEquals(10, decoder.takeContent().length, "no more than the limit is held");

        DotStuffedDecoder exact = new DotStuffedDecoder(80, 82);
        exact.feed(b("y".repeat(80) + "\r\n.\r\n"));
        assertFalse(exact.hadLineTooLong());
        assertFalse(exact.isOversized());
    }

    @Test
    void theStuffingDotCountsTowardsTheLineAsSent() {
        DotStuffedDecoder decoder = new DotStuffedDecoder(80, 1000);
        decoder.feed(b("." + "z".repeat(80) + "\r\n.\r\n"));
        assertEquals(State.DONE, decoder.state());
        assertTrue(decoder.hadLineTooLong(), "81 octets were sent on that line");
    }

    @Test
    void encoderStuffsDotsMakesCrLfLineEndsAndTerminates() {
        assertEquals("a\r\n..b\r\n...\r\n\r\n.\r\n", s(DotStuffedEncoder.encode(b("a\r\n.b\r\n..\r\n\r\n"))));
        assertEquals("a\r\n..\r\n.\r\n", s(DotStuffedEncoder.encode(b("a\n.\n"))));
        assertEquals("a\r\n..b\r\nc\r\nd\r\n.\r\n", s(DotStuffedEncoder.encode(b("a\n.b\r\nc\rd"))));
        assertEquals("last\r\n.\r\n", s(DotStuffedEncoder.encode(b("last"))));
        assertEquals(".\r\n", s(DotStuffedEncoder.encode(new byte[0])));
        assertEquals("..x\r\ny\r\n.\r\n", s(DotStuffedEncoder.encodeLines(List.of(".x", "y"))));
        assertEquals("a\r\n.b\r\nc\r\nd\r\n", s(DotStuffedEncoder.crlfLines(b("a\n.b\r\nc\rd"))));
    }

    @Test
    void randomContentRoundTripsThroughEncoderAndDecoder() {
        Random random = new Random(7);
        byte[] alphabet = b(".\r\nab ");
        for (int round = 0; round < 2000; round++) {
            byte[] raw = new byte[random.nextInt(60)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] expected = DotStuffedEncoder.crlfLines(raw);
            byte[] wire = DotStuffedEncoder.encode(raw);
            DotStuffedDecoder decoder = new DotStuffedDecoder(998, 1 << 20);
            int split = random.nextInt(wire.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int used = decoder.feed(wire, 0, split);
            out.writeBytes(decoder.takeContent());
            used += decoder.feed(wire, used, wire.length - used);
            out.writeBytes(decoder.takeContent());
            assertEquals(State.DONE, decoder.state(), s(raw));
            assertEquals(wire.length, used);
            assertArrayEquals(expected, out.toByteArray(), s(raw));
        }
    }
}
