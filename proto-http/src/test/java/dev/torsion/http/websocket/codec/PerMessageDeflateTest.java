package dev.torsion.http.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class PerMessageDeflateTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String inflate(MessageInflater inflater, byte[]... frames) throws WebSocketException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames.length; i++) {
            inflater.inflate(frames[i], i == frames.length - 1, out, 1 << 20);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rfc7692Section723Examples() throws WebSocketException {
        // 7.2.3.1: "Hello" in one compressed frame.
        MessageInflater inflater = new MessageInflater(false);
        assertEquals("Hello", inflate(inflater, HEX.parseHex("f248cdc9c90700")));
        // 7.2.3.2: the second "Hello" refers back into the first (context takeover).
        assertEquals("Hello", inflate(inflater, HEX.parseHex("f200110000")));
        // 7.2.3.1: the compressed "Hello" fragmented in two frames.
        assertEquals("Hello", inflate(new MessageInflater(false), HEX.parseHex("f248cd"), HEX.parseHex("c9c90700")));
        // 7.2.3.3: a DEFLATE block with no compression.
        assertEquals("Hello", inflate(new MessageInflater(false), HEX.parseHex("000500faff48656c6c6f00")));
        // 7.2.3.4: a block with BFINAL set.
        assertEquals("Hello", inflate(new MessageInflater(false), HEX.parseHex("f348cdc9c90700")));
        // 7.2.3.5: two DEFLATE blocks in one message.
        assertEquals("Hello", inflate(new MessageInflater(false), HEX.parseHex("f24805000000ffffcac9c90700")));
    }

    @Test
    void deflatesAsTheRfcSaysAndRoundTrips() throws WebSocketException {
        MessageDeflater deflater = new MessageDeflater(Deflater.DEFAULT_COMPRESSION, false);
        assertArrayEquals(HEX.parseHex("f248cdc9c90700"), deflater.deflate("Hello".getBytes(StandardCharsets.UTF_8)));
        // RFC 7692 section 7.2.3.6: an empty message is the single octet 0x00.
        assertArrayEquals(new byte[] {0x00}, deflater.deflate(new byte[0]));
        Random random = new Random(7692);
        for (boolean noContext : new boolean[] {false, true}) {
            MessageDeflater sender = new MessageDeflater(6, noContext);
            MessageInflater receiver = new MessageInflater(noContext);
            for (int i = 0; i < 50; i++) {
                byte[] message = new byte[random.nextInt(100_000)];
                for (int j = 0; j < message.length; j++) {
                    message[j] = (byte) ('a' + random.nextInt(4));
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                receiver.inflate(sender.deflate(message), true, out, 1 << 20);
                assertArrayEquals(message, out.toByteArray());
            }
        }
    }

    @Test
    void aDecompressionBombStopsAtTheLimit() {
        MessageDeflater deflater = new MessageDeflater(9, false);
        byte[] bomb = deflater.deflate(new byte[64 << 20]);
        assertTrue(bomb.length < 128 * 1024, "64 MiB of zeros deflate to " + bomb.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebSocketException e = assertThrows(WebSocketException.class,
                () -> new MessageInflater(false).inflate(bomb, true, out, 1 << 20));
        assertEquals(1009, e.closeCode());
        assertTrue(out.size() <= (1 << 20) + 16 * 1024, "held " + out.size());
    }

    @Test
    void garbageIsInvalidData() {
        WebSocketException e = assertThrows(WebSocketException.class,
                () -> new MessageInflater(false).inflate(HEX.parseHex("ffffffff"), true, new ByteArrayOutputStream(), 1000));
        assertEquals(1007, e.closeCode());
    }

    @Test
    void serverNegotiation() {
        assertEquals(new PerMessageDeflate(false, false), PerMessageDeflate.accept(List.of("permessage-deflate")));
        // What browsers, Python's websockets and Node's ws offer.
        assertEquals(new PerMessageDeflate(false, false),
                PerMessageDeflate.accept(List.of("permessage-deflate; client_max_window_bits")));
        assertEquals(new PerMessageDeflate(true, true), PerMessageDeflate.accept(
                List.of("permessage-deflate; server_no_context_takeover; client_no_context_takeover")));
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                new PerMessageDeflate(true, true).responseHeader());
        // A smaller server window cannot be honoured: that offer is declined, the next one taken.
        assertEquals(new PerMessageDeflate(false, true), PerMessageDeflate.accept(List.of(
                "permessage-deflate; server_max_window_bits=10, permessage-deflate; client_no_context_takeover")));
        assertEquals(new PerMessageDeflate(false, false),
                PerMessageDeflate.accept(List.of("permessage-deflate; server_max_window_bits=\"15\"")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; server_max_window_bits=7")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; client_max_window_bits=16")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; unknown")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; server_no_context_takeover; server_no_context_takeover")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; server_no_context_takeover=1")));
        assertNull(PerMessageDeflate.accept(List.of("x-webkit-deflate-frame")));
        assertNull(PerMessageDeflate.accept(List.of("permessage-deflate; a=b c")));
        assertNull(PerMessageDeflate.accept(List.of()));
    }

    @Test
    void clientReadsTheAnswer() throws WebSocketException {
        assertNull(PerMessageDeflate.fromResponse(List.of()));
        assertEquals(new PerMessageDeflate(true, false),
                PerMessageDeflate.fromResponse(List.of("permessage-deflate; server_no_context_takeover")));
        assertEquals(new PerMessageDeflate(false, false),
                PerMessageDeflate.fromResponse(List.of("permessage-deflate; server_max_window_bits=9")));
        for (String bad : Arrays.asList("permessage-deflate; client_max_window_bits=10", "x-other",
                "permessage-deflate, permessage-deflate", "permessage-deflate; server_max_window_bits=16",
                "permessage-deflate; foo")) {
            assertEquals(1002, assertThrows(WebSocketException.class,
                    () -> PerMessageDeflate.fromResponse(List.of(bad)), bad).closeCode());
        }
    }
}
