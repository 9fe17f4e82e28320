package dev.torsion.socks.server;

/** Why a UDP association dropped a datagram; each association counts its drops by reason. */
public enum UdpDropReason {
    /** RFC 1928 §7: FRAG is not X'00'; fragments are refused, never reassembled. */
    FRAGMENTED,
    /** A header that is truncated, lies about a length, has an unknown ATYP or a bad name. */
    MALFORMED,
    /** A payload longer than {@code maxUdpPayload}, either way. */
    OVERSIZED,
    /** Sent to the relay port from an address (or port) other than the client's (§7: MUST drop). */
    FROM_THIRD_ADDRESS,
    /** Arrived from an address and port the client never sent to: not an answer, not passed on. */
    UNSOLICITED,
    /** To a destination the access rules (or the user's avatar) deny. */
    DENIED,
    /** To a name that does not resolve. */
    UNRESOLVABLE,
    /** To a name while {@code maxUdpPendingResolutions} names were already being resolved. */
    RESOLVER_BUSY,
    /** To a destination of an address family this host cannot send to. */
    UNREACHABLE
}
