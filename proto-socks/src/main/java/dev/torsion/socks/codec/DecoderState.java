package dev.torsion.socks.codec;

/** Where the request decoder is in a SOCKS handshake. */
public enum DecoderState {
    /** Waiting for the version byte: 4 or 5. */
    VERSION,
    /** SOCKS4: CD, DSTPORT, DSTIP and USERID up to its NUL, then a SOCKS4a name when DSTIP is 0.0.0.x. */
    SOCKS4_REQUEST,
    /** SOCKS5: NMETHODS and METHODS (RFC 1928 §3). */
    GREETING,
    /** The greeting is decoded; the server has not yet chosen a method. Bytes are buffered. */
    AWAITING_METHOD_CHOICE,
    /** RFC 1929 username/password request. */
    PASSWORD_AUTHENTICATION,
    /** The credentials are decoded; the server has not yet checked them. Bytes are buffered. */
    AWAITING_AUTHENTICATION,
    /** SOCKS5 request (RFC 1928 §4). */
    REQUEST,
    /** The request is decoded: what follows is payload, kept as the remainder. */
    DONE,
    /** Terminal: the input was malformed; see {@link SocksRequestDecoder#error()}. */
    FAILED
}
