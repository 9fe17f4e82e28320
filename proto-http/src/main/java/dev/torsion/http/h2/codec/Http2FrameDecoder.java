package dev.torsion.http.h2.codec;

import java.util.ArrayDeque;

/**
 * The incremental frame decoder of RFC 9113 section 4: bytes in pieces of any size, whole frames
 * out. A frame longer than this side's SETTINGS_MAX_FRAME_SIZE is a FRAME_SIZE_ERROR from its
 * header alone (section 4.2), before its payload is waited for; what is held is bounded by that
 * size plus the bytes fed and not yet asked for. What each frame type's payload must hold is
 * checked by {@link Http2Payloads}.
 */
public final class Http2FrameDecoder {
    /** Where the decoder is. */
    enum State { HEADER, PAYLOAD, FAILED }

    private static final int HEADER_LENGTH = 9;

    private int maxFrameSize;
    private final ArrayDeque<byte[]> input = new ArrayDeque<>();
    private int inputOffset;
    private long buffered;
    private State state = State.HEADER;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerFilled;
    private byte[] payload;
    private int payloadFilled;
    private Http2Exception failure;

    /** A decoder refusing frames over {@code maxFrameSize} octets. */
    public Http2FrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Adds received bytes; the array becomes the decoder's. */
    public void feed(byte[] data) {
        if (data.length > 0) {
            input.add(data);
            buffered += data.length;
        }
    }

    /** Bytes fed and not yet consumed. */
    public long buffered() {
        return buffered;
    }

    /** The next whole frame, or null when more bytes are needed. */
    public Http2Frame next() throws Http2Exception {
        if (failure != null) {
            throw failure;
        }
        if (state == State.HEADER) {
            headerFilled = fill(header, headerFilled, HEADER_LENGTH);
            if (headerFilled < HEADER_LENGTH) {
                return null;
            }
            int length = ((header[0] & 0xFF) << 16) | ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
            if (length > maxFrameSize) {
                failure = Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR,
                        "frame of " + length + " octets over SETTINGS_MAX_FRAME_SIZE " + maxFrameSize);
                state = State.FAILED;
                input.clear();
                throw failure;
            }
            payload = new byte[length];
            payloadFilled = 0;
            state = State.PAYLOAD;
        }
        payloadFilled = fill(payload, payloadFilled, payload.length);
        if (payloadFilled < payload.length) {
            return null;
        }
        state = State.HEADER;
        headerFilled = 0;
        // Section 4.1: the reserved bit of the stream identifier is ignored on receipt.
        int stream = ((header[5] & 0x7F) << 24) | ((header[6] & 0xFF) << 16) | ((header[7] & 0xFF) << 8) | (header[8] & 0xFF);
        return new Http2Frame(header[3] & 0xFF, header[4] & 0xFF, stream, payload);
    }

    private int fill(byte[] target, int filled, int count) {
        while (filled < count && !input.isEmpty()) {
            byte[] head = input.peek();
            int take = Math.min(count - filled, head.length - inputOffset);
            System.arraycopy(head, inputOffset, target, filled, take);
            filled += take;
            inputOffset += take;
            buffered -= take;
            if (inputOffset == head.length) {
                input.poll();
                inputOffset = 0;
            }
        }
        return filled;
    }
}
