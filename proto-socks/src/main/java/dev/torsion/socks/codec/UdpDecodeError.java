package dev.torsion.socks.codec;

/** Why a client's UDP datagram (RFC 1928 §7) cannot be relayed; each such datagram is dropped and counted. */
public enum UdpDecodeError {
    /** Shorter than RSV, FRAG and ATYP (4 bytes). */
    TRUNCATED,
    /** FRAG is not X'00': this server does not reassemble fragments, which §7 allows it to refuse. */
    FRAGMENTED,
    /** An ATYP other than 1, 3 or 4. */
    ADDRESS_TYPE,
    /** A domain length (or an address) that runs past the end of the datagram. */
    LYING_LENGTH,
    /** An empty domain name, or one with bytes outside printable ASCII. */
    BAD_NAME
}
