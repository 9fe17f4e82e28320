package dev.torsion.http.h2.codec;

/** The error codes of RFC 9113 section 7. */
public final class Http2ErrorCode {
    /** Graceful shutdown. */
    public static final int NO_ERROR = 0x0;
    /** A protocol error. */
    public static final int PROTOCOL_ERROR = 0x1;
    /** An internal error. */
    public static final int INTERNAL_ERROR = 0x2;
    /** Flow control violated. */
    public static final int FLOW_CONTROL_ERROR = 0x3;
    /** SETTINGS not acknowledged in time. */
    public static final int SETTINGS_TIMEOUT = 0x4;
    /** A frame on a half-closed stream. */
    public static final int STREAM_CLOSED = 0x5;
    /** A frame of the wrong size. */
    public static final int FRAME_SIZE_ERROR = 0x6;
    /** The stream was refused before any processing. */
    public static final int REFUSED_STREAM = 0x7;
    /** The stream is no longer needed. */
    public static final int CANCEL = 0x8;
    /** The header compression context cannot be kept. */
    public static final int COMPRESSION_ERROR = 0x9;
    /** A CONNECT tunnel failed. */
    public static final int CONNECT_ERROR = 0xa;
    /** The peer behaves in a way that may generate excessive load. */
    public static final int ENHANCE_YOUR_CALM = 0xb;
    /** The transport's security is inadequate. */
    public static final int INADEQUATE_SECURITY = 0xc;
    /** HTTP/1.1 is required instead. */
    public static final int HTTP_1_1_REQUIRED = 0xd;

    private Http2ErrorCode() {
    }
}
