package dev.torsion.socks.codec;

/** Why the decoder failed, and the reply that failure earns before the connection is closed. */
public enum DecodeError {
    /** The first byte is neither 4 nor 5: nothing is known of the peer, so no reply. */
    UNKNOWN_VERSION(new byte[0]),
    /** A SOCKS4 USERID or SOCKS4a name that is too long or empty: reply 91. */
    SOCKS4_MALFORMED(SocksReplies.socks4(false)),
    /** RFC 1928 §3: a greeting that offers no method: X'FF', no acceptable methods. */
    NO_METHODS(SocksReplies.methodSelection(SocksReplies.METHOD_NONE_ACCEPTABLE)),
    /** RFC 1929 §2: a sub-negotiation whose VER is not X'01': failure status. */
    AUTHENTICATION_MALFORMED(SocksReplies.authenticationStatus(false)),
    /** RFC 1928 §4: a request whose VER is not X'05', or with an empty domain name: X'01'. */
    REQUEST_MALFORMED(SocksReplies.socks5Failure(Socks5Reply.GENERAL_FAILURE)),
    /** RFC 1928 §4: an ATYP other than 1, 3 or 4: X'08', address type not supported. */
    ADDRESS_TYPE_NOT_SUPPORTED(SocksReplies.socks5Failure(Socks5Reply.ADDRESS_TYPE_NOT_SUPPORTED)),
    /** More bytes than {@code maxHandshakeBytes} sent before being answered: closed without a reply. */
    HANDSHAKE_TOO_LONG(new byte[0]);

    private final byte[] reply;

    DecodeError(byte[] reply) {
        this.reply = reply;
    }

    /** The reply to send before closing (empty: close without one). */
    public byte[] reply() {
        return reply.clone();
    }
}
