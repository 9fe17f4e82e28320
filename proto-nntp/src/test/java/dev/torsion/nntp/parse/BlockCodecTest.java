package dev.torsion.nntp.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dot-stuffing both ways (RFC 3977 §3.1.1), byte by byte and over every split. */
class BlockCodecTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final String WIRE = "Subject: x\r\n\r\n..leading dot\r\n...\r\n.\r\n";

    @Test
    void encoderStuffsDotsAndTerminates() {
        assertEquals("a\r\n..b\r\n...\r\n\r\n.\r\n", new String(BlockEncoder.encode(b("a\r\n.b\r\n..\r\n\r\n")), StandardCharsets.ISO_8859_1));
        assertEquals("a\r\n..\r\n.\r\n", new String(BlockEncoder.encode(b("a\n.\n")), StandardCharsets.ISO_8859_1));
        assertEquals("last\r\n.\r\n", new String(BlockEncoder.encode(b("last")), StandardCharsets.ISO_8859_1));
        assertEquals(".\r\n", new String(BlockEncoder.encode(new byte[0]), StandardCharsets.ISO_8859_1));
        assertEquals("..x\r\ny\r\n.\r\n", new String(BlockEncoder.encodeLines(List.of(".x", "y")), StandardCharsets.ISO_8859_1));
    }

    @Test
    void decoderUnstuffsAndStopsAtTheTerminator() {
        BlockDecoder decoder = new BlockDecoder(997, 1000);
        byte[] input = b(WIRE + "QUIT\r\n");
        int used = decoder.feed(input);
        assertEquals(BlockState.DONE, decoder.state());
        assertEquals(WIRE.length(), used);
        assertEquals("Subject: x\r\n\r\n.leading dot\r\n..\r\n", new String(decoder.takeContent(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void everySplitDecodesTheSame() {
        byte[] input = b(WIRE);
        for (int split = 0; split <= input.length; split++) {
            BlockDecoder decoder = new BlockDecoder(997, 1000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(split, decoder.feed(input, 0, split));
            out.writeBytes(decoder.takeContent());
            decoder.feed(input, split, input.length - split);
            out.writeBytes(decoder.takeContent());
            assertEquals(BlockState.DONE, decoder.state(), "split at " + split);
            assertEquals("Subject: x\r\n\r\n.leading dot\r\n..\r\n", out.toString(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void byteByByteWalksTheStates() {
        BlockDecoder decoder = new BlockDecoder(997, 1000);
        String input = "a\r\n.\r\n";
        BlockState[] expected = {BlockState.TEXT, BlockState.CR, BlockState.LINE_START, BlockState.DOT, BlockState.DOT_CR, BlockState.DONE};
        for (int i = 0; i < input.length(); i++) {
            assertEquals(1, decoder.feed(b(input.substring(i, i + 1))));
            assertEquals(expected[i], decoder.state(), "after byte " + i);
        }
        assertEquals(0, decoder.feed(b("x")), "nothing is taken after the end");
    }

    @Test
    void roundTripThroughEncoderAndDecoder() {
        byte[] content = b("From: a@b\r\n\r\n.\r\n..\r\n.x\r\n\r\nend\r\n");
        BlockDecoder decoder = new BlockDecoder(997, 1000);
        decoder.feed(BlockEncoder.encode(content));
        assertEquals(BlockState.DONE, decoder.state());
        assertArrayEquals(content, decoder.takeContent());
    }

    @Test
    void bareLineEndsFail() {
        for (String bad : List.of("a\nb\r\n.\r\n", "a\rb\r\n.\r\n", "a\r\n.\n", "a\r\n.\rx", "a\r\n\n.\n")) {
            BlockDecoder decoder = new BlockDecoder(997, 1000);
            decoder.feed(b(bad));
            assertEquals(BlockState.FAILED, decoder.state(), bad);
            assertTrue(decoder.isFinished());
        }
    }

    @Test
    void sizeAndLineLimitsAreReportedNotEnforcedByStopping() {
        BlockDecoder decoder = new BlockDecoder(80, 10);
        decoder.feed(b("x".repeat(81) + "\r\n.\r\n"));
        assertEquals(BlockState.DONE, decoder.state());
        assertTrue(decoder.hadLineTooLong());
        assertTrue(decoder.isOversized());
        assertEquals(83, decoder.size());
        assertEquals(10, decoder.takeContent().length, "no more than the limit is held");
        BlockDecoder exact = new BlockDecoder(80, 82);
        exact.feed(b("y".repeat(80) + "\r\n.\r\n"));
        assertFalse(exact.hadLineTooLong());
        assertFalse(exact.isOversized());
    }
}
