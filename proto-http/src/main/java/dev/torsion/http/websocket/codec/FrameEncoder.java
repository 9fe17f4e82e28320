package dev.torsion.http.websocket.codec;

/**
 * Writes frames (RFC 6455 section 5.2): the shortest length encoding, and the payload masked with
 * the given key when a client sends (section 5.3), never when a server does.
 */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    /**
     * One frame: {@code maskKey} is the 4-byte key of a client's frame (from a strong random source,
     * section 10.3), null for a server's. The payload array is not changed.
     */
    public static byte[] encode(Opcode opcode, boolean fin, boolean rsv1, byte[] payload, byte[] maskKey) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        int headerLength = 2 + lengthBytes + (maskKey == null ? 0 : 4);
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode.code());
        int maskBit = maskKey == null ? 0 : 0x80;
        int at = 2;
        if (lengthBytes == 0) {
            frame[1] = (byte) (maskBit | length);
        } else if (lengthBytes == 2) {
            frame[1] = (byte) (maskBit | 126);
            frame[at++] = (byte) (length >>> 8);
            frame[at++] = (byte) length;
        } else {
            frame[1] = (byte) (maskBit | 127);
            long wide = length;
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame[at++] = (byte) (wide >>> shift);
            }
        }
        if (maskKey == null) {
            System.arraycopy(payload, 0, frame, at, length);
            return frame;
        }
        System.arraycopy(maskKey, 0, frame, at, 4);
        at += 4;
        for (int i = 0; i < length; i++) {
            frame[at + i] = (byte) (payload[i] ^ maskKey[i & 3]);
        }
        return frame;
    }

    /** The payload of a Close frame (section 5.5.1): the code in network order, then the UTF-8 reason. */
    public static byte[] closePayload(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }
}
