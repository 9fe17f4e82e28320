package dev.torsion.smtp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataDecoderTest {
    /** Feeds {@code wire} in pieces of the given split point (0 = whole); returns content and what is left. */
    private static String[] decode(String wire, int split) {
        DataDecoder decoder = new DataDecoder(1000, 1 << 20);
        InputBuffer input = new InputBuffer();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        int[] cuts = split == 0 ? new int[] {bytes.length} : new int[] {split, bytes.length};
        int from = 0;
        for (int cut : cuts) {
            byte[] piece = new byte[cut - from];
            System.arraycopy(bytes, from, piece, 0, piece.length);
            from = cut;
            input.append(piece);
            if (decoder.state() != DataState.DONE && decoder.state() != DataState.FAILED) {
                decoder.feed(input);
            }
            content.writeBytes(decoder.takeContent());
        }
        String rest = new String(input.take(input.size()), StandardCharsets.ISO_8859_1);
        return new String[] {content.toString(StandardCharsets.ISO_8859_1), decoder.state().name(), rest};
    }

    private static void assertEverySplit(String wire, String content, DataState state, String rest) {
        for (int split = 0; split < wire.length(); split++) {
            String[] out = decode(wire, split);
            assertEquals(state.name(), out[1], "state at split " + split);
            if (state == DataState.DONE) {
                assertEquals(content, out[0], "content at split " + split);
                assertEquals(rest, out[2], "rest at split " + split);
            }
        }
    }

    @Test
    void endsOnlyAtCrLfDotCrLfAndKeepsWhatFollows() {
        assertEverySplit("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n", "Subject: x\r\n\r\nbody\r\n", DataState.DONE, "QUIT\r\n");
    }

    @Test
    void emptyMessage() {
        assertEverySplit(".\r\n", "", DataState.DONE, "");
    }

    @Test
    void removesDotStuffing() {
        assertEverySplit("..leading\r\n...\r\n.x\r\n.\r\n", ".leading\r\n..\r\nx\r\n", DataState.DONE, "");
    }

    @Test
    void aDotInsideALineIsText() {
        assertEverySplit("a.b\r\n a .\r\n.\r\n", "a.b\r\n a .\r\n", DataState.DONE, "");
    }

    @Test
    void byteByByte() {
        String wire = "x\r\n..y\r\n.\r\n";
        DataDecoder decoder = new DataDecoder(1000, 100);
        InputBuffer input = new InputBuffer();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : wire.getBytes(StandardCharsets.US_ASCII)) {
            input.append(new byte[] {b});
            decoder.feed(input);
            out.writeBytes(decoder.takeContent());
        }
        assertEquals(DataState.DONE, decoder.state());
        assertEquals("x\r\n.y\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a\n.\n",                   // LF . LF: the CVE-2023-51764 end marker
        "a\r\n.\n",                 // CR LF . LF
        "a\n.\r\n",                 // LF . CR LF
        "a\r.\r",                   // CR . CR
        "a\r\n.\r",                 // CR LF . CR then more
        "bare\nLF\r\n.\r\n",
        "bare\rCR\r\n.\r\n",
        "a\r\r\n.\r\n",
        ".\n",
        ".\rX",
    })
    void bareCrOrLfFailsAndNeverEnds(String wire) {
        String padded = wire + "X";
        for (int split = 0; split < padded.length(); split++) {
            assertEquals("FAILED", decode(padded, split)[1], wire + " at split " + split);
        }
    }

    @Test
    void countsSizeAndStopsProducingBeyondTheLimit() {
        DataDecoder decoder = new DataDecoder(1000, 5);
        InputBuffer input = new InputBuffer();
        input.append("abcdefgh\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(DataState.DONE, decoder.feed(input));
        assertEquals("abcde", new String(decoder.takeContent(), StandardCharsets.US_ASCII));
        assertEquals(10, decoder.size());
        assertTrue(decoder.isOversized());
    }

    @Test
    void flagsATextLineLongerThanTheLimit() {
        DataDecoder exact = new DataDecoder(1000, 1 << 20);
        InputBuffer input = new InputBuffer();
        input.append(("a".repeat(998) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        exact.feed(input);
        assertFalse(exact.hadLineTooLong());

        DataDecoder over = new DataDecoder(1000, 1 << 20);
        input.append(("a".repeat(999) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII));
        assertEquals(DataState.DONE, over.feed(input));
        assertTrue(over.hadLineTooLong());
    }
}
