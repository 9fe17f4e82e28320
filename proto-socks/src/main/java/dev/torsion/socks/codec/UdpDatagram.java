package dev.torsion.socks.codec;

import java.util.Objects;

/**
 * A client's UDP datagram unwrapped (RFC 1928 §7): where it goes and what it carries. FRAG is
 * always X'00' here, as fragments are refused by the decoder.
 *
 * @param destination DST.ADDR and DST.PORT
 * @param payload DATA
 */
public record UdpDatagram(Destination destination, byte[] payload) {
    /** Checks the fields. */
    public UdpDatagram {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
    }
}
