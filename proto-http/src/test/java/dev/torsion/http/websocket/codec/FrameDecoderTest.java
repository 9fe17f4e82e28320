package dev.torsion.http.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] MASK = HEX.parseHex("37fa213d");

    private static List<Frame> decodeAll(FrameDecoder decoder, byte[]... pieces) throws WebSocketException {
        List<Frame> frames = new ArrayList<>();
        for (byte[] piece : pieces) {
            decoder.feed(piece);
            Frame frame;
            while ((frame = decoder.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static List<Frame> decodeByteByByte(Side side, byte[] wire) throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(side, 1 << 20);
        List<Frame> frames = new ArrayList<>();
        for (byte b : wire) {
            decoder.feed(new byte[] {b});
            Frame frame;
            while ((frame = decoder.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    @Test
    void rfc6455Section57Examples() throws WebSocketException {
        // A single-frame unmasked text message, as a client receives it.
        List<Frame> unmasked = decodeAll(new FrameDecoder(Side.CLIENT, 1000), HEX.parseHex("810548656c6c6f"));
        assertEquals(1, unmasked.size());
        assertTrue(unmasked.get(0).fin());
        assertEquals(Opcode.TEXT, unmasked.get(0).opcode());
        assertEquals("Hello", new String(unmasked.get(0).payload(), StandardCharsets.UTF_8));
        // A single-frame masked text message, as a server receives it.
        List<Frame> masked = decodeAll(new FrameDecoder(Side.SERVER, 1000), HEX.parseHex("818537fa213d7f9f4d5158"));
        assertEquals("Hello", new String(masked.get(0).payload(), StandardCharsets.UTF_8));
        // A fragmented unmasked text message.
        List<Frame> fragments = decodeAll(new FrameDecoder(Side.CLIENT, 1000), HEX.parseHex("010348656c800" + "26c6f"));
        assertEquals(2, fragments.size());
        assertFalse(fragments.get(0).fin());
        assertEquals(Opcode.CONTINUATION, fragments.get(1).opcode());
        assertEquals("lo", new String(fragments.get(1).payload(), StandardCharsets.UTF_8));
        // Unmasked Ping, masked Pong.
        assertEquals(Opcode.PING, decodeAll(new FrameDecoder(Side.CLIENT, 1000), HEX.parseHex("890548656c6c6f")).get(0).opcode());
        Frame pong = decodeAll(new FrameDecoder(Side.SERVER, 1000), HEX.parseHex("8a8537fa213d7f9f4d5158")).get(0);
        assertEquals(Opcode.PONG, pong.opcode());
        assertEquals("Hello", new String(pong.payload(), StandardCharsets.UTF_8));
        // 256 bytes in one unmasked binary frame (16-bit length); 64 KiB (64-bit length).
        byte[] wide = new byte[4 + 256];
        System.arraycopy(HEX.parseHex("827e0100"), 0, wide, 0, 4);
        assertEquals(256, decodeAll(new FrameDecoder(Side.CLIENT, 1 << 20), wide).get(0).payload().length);
        byte[] wider = new byte[10 + 65536];
        System.arraycopy(HEX.parseHex("827f0000000000010000"), 0, wider, 0, 10);
        assertEquals(65536, decodeAll(new FrameDecoder(Side.CLIENT, 1 << 20), wider).get(0).payload().length);
    }

    @Test
    void encoderWritesTheRfcExamplesAndTheShortestLengths() {
        assertArrayEquals(HEX.parseHex("810548656c6c6f"),
                FrameEncoder.encode(Opcode.TEXT, true, false, "Hello".getBytes(StandardCharsets.UTF_8), null));
        assertArrayEquals(HEX.parseHex("818537fa213d7f9f4d5158"),
                FrameEncoder.encode(Opcode.TEXT, true, false, "Hello".getBytes(StandardCharsets.UTF_8), MASK));
        assertEquals(2 + 125, FrameEncoder.encode(Opcode.BINARY, true, false, new byte[125], null).length);
        assertEquals(4 + 126, FrameEncoder.encode(Opcode.BINARY, true, false, new byte[126], null).length);
        assertEquals(4 + 65535, FrameEncoder.encode(Opcode.BINARY, true, false, new byte[65535], null).length);
        assertEquals(10 + 65536, FrameEncoder.encode(Opcode.BINARY, true, false, new byte[65536], null).length);
        assertArrayEquals(HEX.parseHex("c100"), Arrays.copyOf(FrameEncoder.encode(Opcode.TEXT, true, true, new byte[0], null), 2));
    }

    /** Frames of every length class, both sides, decoded whole, byte by byte and over every split. */
    @Test
    void roundTripsOverEverySplit() throws WebSocketException {
        Random random = new Random(6455);
        for (Side receiver : Side.values()) {
            byte[] mask = receiver == Side.SERVER ? MASK : null;
            List<byte[]> payloads = new ArrayList<>();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (int length : new int[] {0, 1, 125, 126, 127, 300, 65535, 65536, 70000}) {
                byte[] payload = new byte[length];
                random.nextBytes(payload);
                payloads.add(payload);
                wire.writeBytes(FrameEncoder.encode(Opcode.BINARY, true, false, payload, mask));
                wire.writeBytes(FrameEncoder.encode(Opcode.PING, true, false, new byte[] {1, 2, 3}, mask));
            }
            byte[] bytes = wire.toByteArray();
            check(payloads, decodeAll(new FrameDecoder(receiver, 1 << 20), bytes));
            check(payloads, decodeByteByByte(receiver, bytes));
            for (int split = 0; split <= bytes.length; split += split < 300 ? 1 : 997) {
                check(payloads, decodeAll(new FrameDecoder(receiver, 1 << 20),
                        Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length)));
            }
        }
    }

    private static void check(List<byte[]> payloads, List<Frame> frames) {
        assertEquals(payloads.size() * 2, frames.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), frames.get(2 * i).payload());
            assertEquals(Opcode.PING, frames.get(2 * i + 1).opcode());
            assertArrayEquals(new byte[] {1, 2, 3}, frames.get(2 * i + 1).payload());
        }
    }

    @Test
    void waitsForMoreAndHoldsNothingExtra() throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(Side.SERVER, 1000);
        decoder.feed(HEX.parseHex("8185"));
        assertNull(decoder.next());
        assertEquals(FrameDecoder.State.MASK_KEY, decoder.state());
        decoder.feed(HEX.parseHex("37fa213d7f9f"));
        assertNull(decoder.next());
        assertEquals(FrameDecoder.State.PAYLOAD, decoder.state());
        decoder.feed(HEX.parseHex("4d5158"));
        assertEquals("Hello", new String(decoder.next().payload(), StandardCharsets.UTF_8));
        assertEquals(0, decoder.buffered());
        assertEquals(FrameDecoder.State.HEADER, decoder.state());
    }

    @Test
    void refusesAnOversizedFrameFromItsHeaderAlone() {
        FrameDecoder decoder = new FrameDecoder(Side.CLIENT, 1000);
        decoder.feed(HEX.parseHex("827e03e9"));
        WebSocketException e = assertThrows(WebSocketException.class, decoder::next);
        assertEquals(1009, e.closeCode());
        assertEquals(FrameDecoder.State.FAILED, decoder.state());
        // A failed decoder stays failed.
        assertEquals(1009, assertThrows(WebSocketException.class, decoder::next).closeCode());
    }

    @Test
    void acceptsAFrameOfExactlyTheLimit() throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(Side.CLIENT, 1000);
        decoder.feed(FrameEncoder.encode(Opcode.BINARY, true, false, new byte[1000], null));
        assertEquals(1000, decoder.next().payload().length);
    }
}
