package dev.torsion.dns.codec;

/** Where a {@link TcpFrameDecoder} stands. */
public enum TcpFrameState {
    /** Reading the two-octet length (RFC 7766 section 8, RFC 1035 section 4.2.2). */
    LENGTH,
    /** Reading the message the length announced. */
    BODY,
    /** A zero length was read: the stream cannot be trusted; terminal. */
    FAILED
}
