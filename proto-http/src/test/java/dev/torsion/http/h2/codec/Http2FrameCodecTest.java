package dev.torsion.http.h2.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Http2FrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static List<Http2Frame> decode(int maxFrameSize, byte[]... pieces) throws Http2Exception {
        Http2FrameDecoder decoder = new Http2FrameDecoder(maxFrameSize);
        List<Http2Frame> frames = new ArrayList<>();
        for (byte[] piece : pieces) {
            decoder.feed(piece);
            Http2Frame frame;
            while ((frame = decoder.next()) != null) {
                frames.add(frame);
            }
        }
        return frames;
    }

    @Test
    void writesTheWireFormat() {
        // RFC 9113 section 4.1: length (24), type, flags, R + stream (31), payload.
        assertArrayEquals(HEX.parseHex("000004080000000003" + "00001000"), Http2FrameWriter.windowUpdate(3, 4096));
        assertArrayEquals(HEX.parseHex("000000040100000000"), Http2FrameWriter.settingsAck());
        assertArrayEquals(HEX.parseHex("000006040000000000" + "000300000064"), Http2FrameWriter.settings(3, 100));
        assertArrayEquals(HEX.parseHex("000008070000000000" + "0000000500000000"), Http2FrameWriter.goAway(5, 0, ""));
        assertArrayEquals(HEX.parseHex("000004030000000007" + "00000008"), Http2FrameWriter.rstStream(7, 8));
    }

    @Test
    void decodesOverEverySplitAndByteByByte() throws Http2Exception {
        Random random = new Random(9113);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> payloads = new ArrayList<>();
        for (int length : new int[] {0, 1, 8, 100, 16384}) {
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            payloads.add(payload);
            wire.writeBytes(Http2FrameWriter.frame(Http2Frame.DATA, Http2Frame.FLAG_END_STREAM, 0x7FFFFFFF, payload));
        }
        byte[] bytes = wire.toByteArray();
        for (int split = 0; split <= bytes.length; split += split < 200 ? 1 : 331) {
            List<Http2Frame> frames = decode(16384, Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length));
            assertEquals(payloads.size(), frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(payloads.get(i), frames.get(i).payload());
                assertEquals(0x7FFFFFFF, frames.get(i).streamId());
                assertTrue(frames.get(i).has(Http2Frame.FLAG_END_STREAM));
            }
        }
        Http2FrameDecoder decoder = new Http2FrameDecoder(16384);
        int count = 0;
        for (byte b : bytes) {
            decoder.feed(new byte[] {b});
            while (decoder.next() != null) {
                count++;
            }
        }
        assertEquals(payloads.size(), count);
        assertEquals(0, decoder.buffered());
    }

    @Test
    void theReservedBitIsIgnored() throws Http2Exception {
        List<Http2Frame> frames = decode(16384, HEX.parseHex("000000000080000001"));
        assertEquals(1, frames.get(0).streamId());
    }

    @Test
    void aFrameOverTheLimitFailsFromItsHeader() {
        Http2FrameDecoder decoder = new Http2FrameDecoder(16384);
        decoder.feed(HEX.parseHex("004001000000000001"));
        Http2Exception e = assertThrows(Http2Exception.class, decoder::next);
        assertEquals(Http2ErrorCode.FRAME_SIZE_ERROR, e.errorCode());
        assertTrue(e.isConnectionError());
    }

    @Test
    void waitsForTheWholePayload() throws Http2Exception {
        Http2FrameDecoder decoder = new Http2FrameDecoder(16384);
        decoder.feed(HEX.parseHex("00000506000000000001020304"));
        assertNull(decoder.next());
        decoder.feed(HEX.parseHex("05"));
        assertArrayEquals(HEX.parseHex("0102030405"), decoder.next().payload());
    }

    @Test
    void headerBlocksAreSplitIntoContinuations() {
        List<byte[]> frames = Http2FrameWriter.headers(1, new byte[40_000], true, 16384);
        assertEquals(3, frames.size());
        assertEquals(Http2Frame.HEADERS, frames.get(0)[3]);
        assertEquals(Http2Frame.FLAG_END_STREAM, frames.get(0)[4]);
        assertEquals(Http2Frame.CONTINUATION, frames.get(1)[3]);
        assertEquals(0, frames.get(1)[4]);
        assertEquals(Http2Frame.FLAG_END_HEADERS, frames.get(2)[4]);
    }

    @Test
    void payloadsAreCheckedAndTakenApart() throws Http2Exception {
        Http2Frame padded = new Http2Frame(Http2Frame.DATA, Http2Frame.FLAG_PADDED, 1, HEX.parseHex("02aabb0000"));
        assertArrayEquals(HEX.parseHex("aabb"), Http2Payloads.data(padded));
        Http2Frame prioritised = new Http2Frame(Http2Frame.HEADERS, Http2Frame.FLAG_PRIORITY, 3, HEX.parseHex("000000011082"));
        assertArrayEquals(HEX.parseHex("82"), Http2Payloads.headerBlock(prioritised));
        assertTrue(Http2Payloads.dependsOnItself(new Http2Frame(Http2Frame.HEADERS, Http2Frame.FLAG_PRIORITY, 1, HEX.parseHex("000000011082"))));
        Map<Integer, Long> settings = Http2Payloads.settings(new Http2Frame(Http2Frame.SETTINGS, 0, 0, HEX.parseHex("000400010000" + "ff0000000001")));
        assertEquals(65536L, settings.get(Http2Payloads.INITIAL_WINDOW_SIZE));
        assertEquals(1L, settings.get(0xff00));
        Http2Exception fullPadding = assertThrows(Http2Exception.class,
                () -> Http2Payloads.data(new Http2Frame(Http2Frame.DATA, Http2Frame.FLAG_PADDED, 1, HEX.parseHex("030000"))));
        assertEquals(Http2ErrorCode.PROTOCOL_ERROR, fullPadding.errorCode());
        Http2Exception priority = assertThrows(Http2Exception.class,
                () -> Http2Payloads.check(new Http2Frame(Http2Frame.PRIORITY, 0, 1, new byte[4])));
        assertEquals(1, priority.streamId());
        assertEquals(Http2ErrorCode.FRAME_SIZE_ERROR, priority.errorCode());
    }
}
