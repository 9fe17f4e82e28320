package dev.torsion.http.h2.codec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each frame type's payload must hold (RFC 9113 section 6), checked and taken apart; each
 * refusal is the error the section names.
 */
public final class Http2Payloads {
    /** SETTINGS_HEADER_TABLE_SIZE. */
    public static final int HEADER_TABLE_SIZE = 0x1;
    /** SETTINGS_ENABLE_PUSH. */
    public static final int ENABLE_PUSH = 0x2;
    /** SETTINGS_MAX_CONCURRENT_STREAMS. */
    public static final int MAX_CONCURRENT_STREAMS = 0x3;
    /** SETTINGS_INITIAL_WINDOW_SIZE. */
    public static final int INITIAL_WINDOW_SIZE = 0x4;
    /** SETTINGS_MAX_FRAME_SIZE. */
    public static final int MAX_FRAME_SIZE = 0x5;
    /** SETTINGS_MAX_HEADER_LIST_SIZE. */
    public static final int MAX_HEADER_LIST_SIZE = 0x6;

    private static final int MIN_MAX_FRAME_SIZE = 1 << 14;
    private static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;

    private Http2Payloads() {
    }

    /**
     * Checks the stream identifier and length rules of a frame a server receives: the connection
     * frames on stream 0, the stream frames off it, the fixed lengths; a PUSH_PROMISE from a client
     * (section 8.4: clients cannot push).
     */
    public static void check(Http2Frame frame) throws Http2Exception {
        int length = frame.payload().length;
        switch (frame.type()) {
            case Http2Frame.DATA, Http2Frame.HEADERS, Http2Frame.CONTINUATION -> requireStream(frame);
            case Http2Frame.PRIORITY -> {
                requireStream(frame);
                if (length != 5) {
                    // Section 6.3: a PRIORITY frame of another length is a stream error.
                    throw Http2Exception.stream(frame.streamId(), Http2ErrorCode.FRAME_SIZE_ERROR, "PRIORITY of " + length + " octets");
                }
            }
            case Http2Frame.RST_STREAM -> {
                requireStream(frame);
                requireLength(frame, 4);
            }
            case Http2Frame.SETTINGS -> {
                requireConnection(frame);
                if (frame.has(Http2Frame.FLAG_ACK) ? length != 0 : length % 6 != 0) {
                    throw Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR, "SETTINGS of " + length + " octets");
                }
            }
            case Http2Frame.PUSH_PROMISE -> throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE from a client");
            case Http2Frame.PING -> {
                requireConnection(frame);
                requireLength(frame, 8);
            }
            case Http2Frame.GOAWAY -> {
                requireConnection(frame);
                if (length < 8) {
                    throw Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR, "GOAWAY of " + length + " octets");
                }
            }
            case Http2Frame.WINDOW_UPDATE -> requireLength(frame, 4);
            default -> {
                // Section 5.5: frames of unknown types are ignored.
            }
        }
    }

    private static void requireStream(Http2Frame frame) throws Http2Exception {
        if (frame.streamId() == 0) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "frame type " + frame.type() + " on stream 0");
        }
    }

    private static void requireConnection(Http2Frame frame) throws Http2Exception {
        if (frame.streamId() != 0) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "frame type " + frame.type() + " on a stream");
        }
    }

    private static void requireLength(Http2Frame frame, int length) throws Http2Exception {
        if (frame.payload().length != length) {
            throw Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR,
                    "frame type " + frame.type() + " of " + frame.payload().length + " octets, not " + length);
        }
    }

    /** The data of a DATA frame without its padding (section 6.1). */
    public static byte[] data(Http2Frame frame) throws Http2Exception {
        return unpad(frame, 0);
    }

    /**
     * Whether a HEADERS frame with priority names its own stream as its dependency: a stream error
     * PROTOCOL_ERROR (RFC 9113 section 5.3.1), given once the block is decoded (HPACK's state must
     * not be lost to it).
     */
    public static boolean dependsOnItself(Http2Frame frame) {
        if (!frame.has(Http2Frame.FLAG_PRIORITY)) {
            return false;
        }
        byte[] p = frame.payload();
        int at = frame.has(Http2Frame.FLAG_PADDED) ? 1 : 0;
        if (p.length < at + 4) {
            return false;
        }
        int dependency = ((p[at] & 0x7F) << 24) | ((p[at + 1] & 0xFF) << 16) | ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
        return dependency == frame.streamId();
    }

    /** The header block fragment of a HEADERS frame, without padding and priority (section 6.2). */
    public static byte[] headerBlock(Http2Frame frame) throws Http2Exception {
        boolean priority = frame.has(Http2Frame.FLAG_PRIORITY);
        byte[] unpadded = unpad(frame, priority ? 5 : 0);
        if (!priority) {
            return unpadded;
        }
        return Arrays.copyOfRange(unpadded, 5, unpadded.length);
    }

    /** A PRIORITY frame's dependency must not be its own stream. */
    public static void priority(Http2Frame frame) throws Http2Exception {
        byte[] p = frame.payload();
        int dependency = ((p[0] & 0x7F) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
        if (dependency == frame.streamId()) {
            throw Http2Exception.stream(frame.streamId(), Http2ErrorCode.PROTOCOL_ERROR, "stream depends on itself");
        }
    }

    /** Section 6.1 and 6.2: the pad length octet, and padding shorter than what is left. */
    private static byte[] unpad(Http2Frame frame, int fixed) throws Http2Exception {
        byte[] payload = frame.payload();
        if (!frame.has(Http2Frame.FLAG_PADDED)) {
            if (payload.length < fixed) {
                throw Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR, "frame too short for its fields");
            }
            return payload;
        }
        if (payload.length < 1 + fixed) {
            throw Http2Exception.connection(Http2ErrorCode.FRAME_SIZE_ERROR, "padded frame too short for its fields");
        }
        int padding = payload[0] & 0xFF;
        if (padding >= payload.length - fixed) {
            throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "padding of " + padding + " octets fills the frame");
        }
        return Arrays.copyOfRange(payload, 1, payload.length - padding);
    }

    /** The value of a 4-octet payload (RST_STREAM's error code, WINDOW_UPDATE's increment without its reserved bit). */
    public static int int31(Http2Frame frame) {
        byte[] p = frame.payload();
        return ((p[0] & 0x7F) << 24) | ((p[1] & 0xFF) << 16) | ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
    }

    /** A SETTINGS frame's values, in order (section 6.5.2): unknown ones are ignored, bad ones refused. */
    public static Map<Integer, Long> settings(Http2Frame frame) throws Http2Exception {
        byte[] p = frame.payload();
        Map<Integer, Long> values = new LinkedHashMap<>();
        for (int at = 0; at < p.length; at += 6) {
            int id = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
            long value = ((long) (p[at + 2] & 0xFF) << 24) | ((p[at + 3] & 0xFF) << 16) | ((p[at + 4] & 0xFF) << 8) | (p[at + 5] & 0xFF);
            switch (id) {
                case ENABLE_PUSH -> {
                    if (value > 1) {
                        throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH " + value);
                    }
                }
                case INITIAL_WINDOW_SIZE -> {
                    if (value > Integer.MAX_VALUE) {
                        throw Http2Exception.connection(Http2ErrorCode.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE " + value);
                    }
                }
                case MAX_FRAME_SIZE -> {
                    if (value < MIN_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
                        throw Http2Exception.connection(Http2ErrorCode.PROTOCOL_ERROR, "SETTINGS_MAX_FRAME_SIZE " + value);
                    }
                }
                default -> {
                    // Section 6.5.2: an unknown setting is ignored.
                }
            }
            values.put(id, value);
        }
        return values;
    }
}
