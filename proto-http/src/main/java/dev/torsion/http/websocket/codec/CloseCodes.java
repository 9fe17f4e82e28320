package dev.torsion.http.websocket.codec;

/** The close status codes of RFC 6455 section 7.4 and which may appear in a Close frame. */
public final class CloseCodes {
    /** The purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** The endpoint is going away (a server shutting down, a page left). */
    public static final int GOING_AWAY = 1001;
    /** A protocol error. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A type of data the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** No status code was present (never sent in a frame). */
    public static final int NO_STATUS = 1005;
    /** The connection was lost without a Close frame (never sent in a frame). */
    public static final int ABNORMAL = 1006;
    /** Data inconsistent with the message type (text that is not UTF-8). */
    public static final int INVALID_PAYLOAD = 1007;
    /** A message that violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The client expected an extension the server did not negotiate. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** The server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether {@code code} may appear in a Close frame (RFC 6455 section 7.4.1 and the IANA
     * registry, 7.4.2): 1000-1003, 1007-1014 and the 3000-4999 range of registered and private codes.
     * 1004, 1005, 1006 and 1015 are reserved never to be sent, the rest of 1000-2999 is unassigned:
     * a Close frame carrying one is a protocol error (1002).
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
