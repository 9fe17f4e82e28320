package dev.torsion.http.h2.codec;

/**
 * One frame as read (RFC 9113 section 4.1): its type, flags, stream and payload; the reserved bit
 * of the stream identifier is dropped, as section 4.1 says to.
 *
 * @param type the frame type (see the constants)
 * @param flags the flags
 * @param streamId the stream identifier
 * @param payload the payload
 */
public record Http2Frame(int type, int flags, int streamId, byte[] payload) {
    /** DATA (section 6.1). */
    public static final int DATA = 0x0;
    /** HEADERS (section 6.2). */
    public static final int HEADERS = 0x1;
    /** PRIORITY (section 6.3), deprecated but still parsed. */
    public static final int PRIORITY = 0x2;
    /** RST_STREAM (section 6.4). */
    public static final int RST_STREAM = 0x3;
    /** SETTINGS (section 6.5). */
    public static final int SETTINGS = 0x4;
    /** PUSH_PROMISE (section 6.6). */
    public static final int PUSH_PROMISE = 0x5;
    /** PING (section 6.7). */
    public static final int PING = 0x6;
    /** GOAWAY (section 6.8). */
    public static final int GOAWAY = 0x7;
    /** WINDOW_UPDATE (section 6.9). */
    public static final int WINDOW_UPDATE = 0x8;
    /** CONTINUATION (section 6.10). */
    public static final int CONTINUATION = 0x9;

    /** END_STREAM on DATA and HEADERS. */
    public static final int FLAG_END_STREAM = 0x1;
    /** ACK on SETTINGS and PING. */
    public static final int FLAG_ACK = 0x1;
    /** END_HEADERS on HEADERS, PUSH_PROMISE and CONTINUATION. */
    public static final int FLAG_END_HEADERS = 0x4;
    /** PADDED on DATA, HEADERS and PUSH_PROMISE. */
    public static final int FLAG_PADDED = 0x8;
    /** PRIORITY on HEADERS. */
    public static final int FLAG_PRIORITY = 0x20;

    /** Whether {@code flag} is set. */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
