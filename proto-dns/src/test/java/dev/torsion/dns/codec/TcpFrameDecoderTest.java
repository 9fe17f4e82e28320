package dev.torsion.dns.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpFrameDecoderTest {
    private static final byte[][] MESSAGES = {
        "first message....".getBytes(), new byte[300], "3".repeat(12).getBytes(),
    };

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] m : MESSAGES) {
            out.writeBytes(TcpFrameDecoder.frame(m));
        }
        return out.toByteArray();
    }

    @Test
    void everySplitInTwoAndThreeGivesTheSameMessages() {
        byte[] stream = stream();
        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b += 7) {
                TcpFrameDecoder decoder = new TcpFrameDecoder();
                List<byte[]> got = new ArrayList<>();
                got.addAll(decoder.feed(Arrays.copyOfRange(stream, 0, a)));
                got.addAll(decoder.feed(Arrays.copyOfRange(stream, a, b)));
                got.addAll(decoder.feed(Arrays.copyOfRange(stream, b, stream.length)));
                assertEquals(MESSAGES.length, got.size(), "split " + a + "/" + b);
                for (int i = 0; i < MESSAGES.length; i++) {
                    assertArrayEquals(MESSAGES[i], got.get(i));
                }
                assertEquals(TcpFrameState.LENGTH, decoder.state());
            }
        }
    }

    @Test
    void byteByByte() {
        TcpFrameDecoder decoder = new TcpFrameDecoder();
        List<byte[]> got = new ArrayList<>();
        for (byte b : stream()) {
            got.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(MESSAGES.length, got.size());
    }

    @Test
    void aZeroLengthFails() {
        TcpFrameDecoder decoder = new TcpFrameDecoder();
        assertTrue(decoder.feed(new byte[] {0, 0, 0, 5, 1}).isEmpty());
        assertEquals(TcpFrameState.FAILED, decoder.state());
    }

    @Test
    void aLength65535WithNoDataWaitsWithoutBuffering() {
        TcpFrameDecoder decoder = new TcpFrameDecoder();
        assertTrue(decoder.feed(new byte[] {(byte) 0xff, (byte) 0xff}).isEmpty());
        assertEquals(TcpFrameState.BODY, decoder.state());
        assertTrue(decoder.isMidMessage());
    }
}
