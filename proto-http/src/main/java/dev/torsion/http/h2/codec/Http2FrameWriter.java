package dev.torsion.http.h2.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes frames (RFC 9113 sections 4.1 and 6). */
public final class Http2FrameWriter {
    private Http2FrameWriter() {
    }

    /** One frame. */
    public static byte[] frame(int type, int flags, int streamId, byte[] payload) {
        byte[] frame = new byte[9 + payload.length];
        frame[0] = (byte) (payload.length >>> 16);
        frame[1] = (byte) (payload.length >>> 8);
        frame[2] = (byte) payload.length;
        frame[3] = (byte) type;
        frame[4] = (byte) flags;
        putInt(frame, 5, streamId & 0x7FFFFFFF);
        System.arraycopy(payload, 0, frame, 9, payload.length);
        return frame;
    }

    /** A header block as HEADERS and as many CONTINUATION frames as {@code maxFrameSize} needs (section 6.10). */
    public static List<byte[]> headers(int streamId, byte[] block, boolean endStream, int maxFrameSize) {
        List<byte[]> frames = new ArrayList<>(1);
        int offset = 0;
        boolean first = true;
        do {
            int end = Math.min(block.length, offset + maxFrameSize);
            int flags = (end == block.length ? Http2Frame.FLAG_END_HEADERS : 0) | (first && endStream ? Http2Frame.FLAG_END_STREAM : 0);
            frames.add(frame(first ? Http2Frame.HEADERS : Http2Frame.CONTINUATION, flags, streamId,
                    Arrays.copyOfRange(block, offset, end)));
            offset = end;
            first = false;
        } while (offset < block.length);
        return frames;
    }

    /** SETTINGS with {@code idsAndValues} pairs (section 6.5.1). */
    public static byte[] settings(int... idsAndValues) {
        byte[] payload = new byte[idsAndValues.length / 2 * 6];
        for (int i = 0, at = 0; i < idsAndValues.length; i += 2, at += 6) {
            payload[at] = (byte) (idsAndValues[i] >>> 8);
            payload[at + 1] = (byte) idsAndValues[i];
            putInt(payload, at + 2, idsAndValues[i + 1]);
        }
        return frame(Http2Frame.SETTINGS, 0, 0, payload);
    }

    /** A SETTINGS acknowledgement. */
    public static byte[] settingsAck() {
        return frame(Http2Frame.SETTINGS, Http2Frame.FLAG_ACK, 0, new byte[0]);
    }

    /** WINDOW_UPDATE (section 6.9). */
    public static byte[] windowUpdate(int streamId, int increment) {
        byte[] payload = new byte[4];
        putInt(payload, 0, increment);
        return frame(Http2Frame.WINDOW_UPDATE, 0, streamId, payload);
    }

    /** RST_STREAM (section 6.4). */
    public static byte[] rstStream(int streamId, int errorCode) {
        byte[] payload = new byte[4];
        putInt(payload, 0, errorCode);
        return frame(Http2Frame.RST_STREAM, 0, streamId, payload);
    }

    /** GOAWAY (section 6.8). */
    public static byte[] goAway(int lastStreamId, int errorCode, String debug) {
        byte[] text = debug.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[8 + text.length];
        putInt(payload, 0, lastStreamId);
        putInt(payload, 4, errorCode);
        System.arraycopy(text, 0, payload, 8, text.length);
        return frame(Http2Frame.GOAWAY, 0, 0, payload);
    }

    /** A PING acknowledgement echoing {@code data} (section 6.7). */
    public static byte[] pingAck(byte[] data) {
        return frame(Http2Frame.PING, Http2Frame.FLAG_ACK, 0, data);
    }

    static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
