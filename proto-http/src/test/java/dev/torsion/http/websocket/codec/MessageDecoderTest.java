package dev.torsion.http.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageDecoderTest {
    private static Frame frame(boolean fin, Opcode opcode, byte[] payload) {
        return new Frame(fin, false, opcode, payload);
    }

    @Test
    void joinsFragmentsWithControlFramesBetween() throws WebSocketException {
        MessageDecoder decoder = new MessageDecoder(1000, null);
        assertNull(decoder.frame(frame(false, Opcode.TEXT, "Hel".getBytes(StandardCharsets.UTF_8))));
        assertTrue(decoder.isInsideMessage());
        assertInstanceOf(Message.Ping.class, decoder.frame(frame(true, Opcode.PING, new byte[0])));
        assertNull(decoder.frame(frame(false, Opcode.CONTINUATION, "l".getBytes(StandardCharsets.UTF_8))));
        assertEquals(new Message.Text("Hello"), decoder.frame(frame(true, Opcode.CONTINUATION, "o".getBytes(StandardCharsets.UTF_8))));
        Message binary = decoder.frame(frame(true, Opcode.BINARY, new byte[] {(byte) 0xff}));
        assertArrayEquals(new byte[] {(byte) 0xff}, ((Message.Binary) binary).data());
    }

    @Test
    void utf8SplitAcrossFragmentsAtEveryByte() throws WebSocketException {
        byte[] text = "€𝄞κ".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= text.length; split++) {
            MessageDecoder decoder = new MessageDecoder(1000, null);
            assertNull(decoder.frame(frame(false, Opcode.TEXT, Arrays.copyOfRange(text, 0, split))));
            assertEquals(new Message.Text("€𝄞κ"), decoder.frame(frame(true, Opcode.CONTINUATION,
                    Arrays.copyOfRange(text, split, text.length))));
        }
    }

    @Test
    void badUtf8FailsInTheFirstFragment() {
        MessageDecoder decoder = new MessageDecoder(1000, null);
        WebSocketException e = assertThrows(WebSocketException.class,
                () -> decoder.frame(frame(false, Opcode.TEXT, new byte[] {'a', (byte) 0xc0, (byte) 0xaf})));
        assertEquals(1007, e.closeCode());
    }

    @Test
    void countsTheMessageAgainstItsLimitAcrossFragments() throws WebSocketException {
        MessageDecoder decoder = new MessageDecoder(10, null);
        assertNull(decoder.frame(frame(false, Opcode.BINARY, new byte[6])));
        assertEquals(1009, assertThrows(WebSocketException.class,
                () -> decoder.frame(frame(true, Opcode.CONTINUATION, new byte[5]))).closeCode());
        MessageDecoder exact = new MessageDecoder(10, null);
        assertNull(exact.frame(frame(false, Opcode.BINARY, new byte[6])));
        assertEquals(10, ((Message.Binary) exact.frame(frame(true, Opcode.CONTINUATION, new byte[4]))).data().length);
    }

    @Test
    void compressedMessagesAcrossFragments() throws WebSocketException {
        MessageDeflater deflater = new MessageDeflater(6, false);
        MessageDecoder decoder = new MessageDecoder(1 << 20, new MessageInflater(false));
        for (int round = 0; round < 3; round++) {
            String text = "the same text again and again, round " + round;
            byte[] compressed = deflater.deflate(text.getBytes(StandardCharsets.UTF_8));
            int half = compressed.length / 2;
            assertNull(decoder.frame(new Frame(false, true, Opcode.TEXT, Arrays.copyOfRange(compressed, 0, half))));
            assertEquals(new Message.Text(text), decoder.frame(new Frame(true, false, Opcode.CONTINUATION,
                    Arrays.copyOfRange(compressed, half, compressed.length))));
        }
    }

    @Test
    void closePayloads() throws WebSocketException {
        MessageDecoder decoder = new MessageDecoder(1000, null);
        assertEquals(new Message.Close(1005, ""), decoder.frame(frame(true, Opcode.CLOSE, new byte[0])));
        assertEquals(new Message.Close(1000, "bye"), decoder.frame(frame(true, Opcode.CLOSE,
                FrameEncoder.closePayload(1000, "bye".getBytes(StandardCharsets.UTF_8)))));
        assertEquals(new Message.Close(4999, ""), decoder.frame(frame(true, Opcode.CLOSE, FrameEncoder.closePayload(4999, new byte[0]))));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
            assertEquals(1002, assertThrows(WebSocketException.class, () -> decoder.frame(frame(true, Opcode.CLOSE,
                    FrameEncoder.closePayload(code, new byte[0]))), "code " + code).closeCode());
        }
        assertEquals(1002, assertThrows(WebSocketException.class,
                () -> decoder.frame(frame(true, Opcode.CLOSE, new byte[] {3}))).closeCode());
        assertEquals(1007, assertThrows(WebSocketException.class, () -> decoder.frame(frame(true, Opcode.CLOSE,
                FrameEncoder.closePayload(1000, new byte[] {(byte) 0xff})))).closeCode());
    }
}
