package dev.torsion.socks.codec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UDP request header of RFC 1928 §7, both ways: {@code RSV(2) FRAG ATYP DST.ADDR DST.PORT
 * DATA}. Pure functions: a whole datagram in, a {@link UdpDatagram} or a {@link UdpDecodeError}
 * out, with no partial state (a datagram is never split).
 */
public final class UdpDatagrams {
    /** The longest header: RSV, FRAG, ATYP, a length byte, a 255-byte name, the port. */
    public static final int MAX_HEADER = 4 + 1 + 255 + 2;
    /** RSV, FRAG and ATYP: what must be there before the address can even be looked at. */
    private static final int FIXED_HEADER = 4;

    private UdpDatagrams() {
    }

    /**
     * The result of decoding: exactly one of {@code datagram} and {@code error} is set.
     *
     * @param datagram the unwrapped datagram, or null
     * @param error why it cannot be relayed, or null
     */
    public record Decoded(UdpDatagram datagram, UdpDecodeError error) {
    }

    /** Unwraps a client's datagram. RSV is ignored, as §4 reserves it for the requests. */
    public static Decoded decode(byte[] data) {
        if (data.length < FIXED_HEADER) {
            return failed(UdpDecodeError.TRUNCATED);
        }
        // §7: "Implementation of fragmentation is optional; an implementation that does not support
        // fragmentation MUST drop any datagram whose FRAG field is other than X'00'."
        if (data[2] != 0) {
            return failed(UdpDecodeError.FRAGMENTED);
        }
        int type = data[3] & 0xFF;
        Destination destination;
        int addressEnd;
        if (type == AddressType.IPV4.code() || type == AddressType.IPV6.code()) {
            int size = type == AddressType.IPV4.code() ? 4 : 16;
            addressEnd = 4 + size;
            if (data.length < addressEnd + 2) {
                return failed(UdpDecodeError.LYING_LENGTH);
            }
            AddressType kind = size == 4 ? AddressType.IPV4 : AddressType.IPV6;
            destination = new Destination(kind, literal(data, 4, size), u16(data, addressEnd));
        } else if (type == AddressType.DOMAIN.code()) {
            if (data.length < 5) {
                return failed(UdpDecodeError.LYING_LENGTH);
            }
            int nameLength = data[4] & 0xFF;
            addressEnd = 5 + nameLength;
            if (data.length < addressEnd + 2) {
                return failed(UdpDecodeError.LYING_LENGTH);
            }
            String name = hostName(data, 5, nameLength);
            if (name == null) {
                return failed(UdpDecodeError.BAD_NAME);
            }
            destination = new Destination(AddressType.DOMAIN, name, u16(data, addressEnd));
        } else {
            return failed(UdpDecodeError.ADDRESS_TYPE);
        }
        return new Decoded(new UdpDatagram(destination, Arrays.copyOfRange(data, addressEnd + 2, data.length)), null);
    }

    /** Wraps what {@code source} port {@code port} answered, for the client (FRAG X'00'). */
    public static byte[] encode(InetAddress source, int port, byte[] payload) {
        byte[] address = source.getAddress();
        byte[] out = new byte[4 + address.length + 2 + payload.length];
        out[3] = (byte) (address.length == 4 ? AddressType.IPV4.code() : AddressType.IPV6.code());
        System.arraycopy(address, 0, out, 4, address.length);
        out[4 + address.length] = (byte) (port >> 8);
        out[5 + address.length] = (byte) port;
        System.arraycopy(payload, 0, out, 6 + address.length, payload.length);
        return out;
    }

    private static Decoded failed(UdpDecodeError error) {
        return new Decoded(null, error);
    }

    /** As the request decoder: a name of printable ASCII only, or null. */
    private static String hostName(byte[] data, int offset, int size) {
        if (size == 0) {
            return null;
        }
        for (int i = offset; i < offset + size; i++) {
            if (data[i] < 0x21 || data[i] > 0x7E) {
                return null;
            }
        }
        return new String(data, offset, size, StandardCharsets.US_ASCII);
    }

    private static String literal(byte[] data, int offset, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(data, offset, offset + size)).getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) << 8 | data[offset + 1] & 0xFF;
    }
}
