package dev.torsion.http.h2.codec;

/**
 * A violation of RFC 9113: a connection error (GOAWAY, section 5.4.1) when {@link #streamId()} is
 * 0, else a stream error (RST_STREAM on that stream, section 5.4.2), with its {@link #errorCode()}.
 */
public final class Http2Exception extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errorCode;
    private final int streamId;

    private Http2Exception(int errorCode, int streamId, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.streamId = streamId;
    }

    /** A connection error. */
    public static Http2Exception connection(int errorCode, String message) {
        return new Http2Exception(errorCode, 0, message);
    }

    /** A stream error on {@code streamId}. */
    public static Http2Exception stream(int streamId, int errorCode, String message) {
        return new Http2Exception(errorCode, streamId, message);
    }

    /** The error code (see {@link Http2ErrorCode}). */
    public int errorCode() {
        return errorCode;
    }

    /** The stream in error, or 0 for the connection. */
    public int streamId() {
        return streamId;
    }

    /** Whether the whole connection is in error. */
    public boolean isConnectionError() {
        return streamId == 0;
    }
}
