package dev.torsion.socks.codec;

import static dev.torsion.socks.support.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The RFC 1928 §7 UDP header, both ways. */
class UdpDatagramsTest {
    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static UdpDatagram decoded(byte[] data) {
        UdpDatagrams.Decoded decoded = UdpDatagrams.decode(data);
        assertNull(decoded.error(), () -> "error " + decoded.error());
        return decoded.datagram();
    }

    @Test
    void decodesEveryAddressType() {
        UdpDatagram v4 = decoded(of(0, 0, 0, 1, 192, 0, 2, 1, 0x01, 0xbb, "data"));
        assertEquals(new Destination(AddressType.IPV4, "192.0.2.1", 443), v4.destination());
        assertEquals("data", new String(v4.payload()));
        UdpDatagram v6 = decoded(of(0, 0, 0, 4, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 53));
        assertEquals(new Destination(AddressType.IPV6, "2001:db8:0:0:0:0:0:2", 53), v6.destination());
        assertEquals(0, v6.payload().length);
        UdpDatagram name = decoded(of(0, 0, 0, 3, 1, "a", 0, 7, "x"));
        assertEquals(new Destination(AddressType.DOMAIN, "a", 7), name.destination());
        assertEquals("x", new String(name.payload()));
    }

    @Test
    void reservedBytesAreIgnored() {
        assertEquals(53, decoded(of(0xff, 0xff, 0, 1, 192, 0, 2, 1, 0, 53)).destination().port());
    }

    @Test
    void namesEachFailure() {
        assertEquals(UdpDecodeError.TRUNCATED, UdpDatagrams.decode(of(0, 0, 0)).error());
        assertEquals(UdpDecodeError.FRAGMENTED, UdpDatagrams.decode(of(0, 0, 1, 1, 192, 0, 2, 1, 0, 53)).error());
        assertEquals(UdpDecodeError.ADDRESS_TYPE, UdpDatagrams.decode(of(0, 0, 0, 2, 192, 0, 2, 1, 0, 53)).error());
        assertEquals(UdpDecodeError.LYING_LENGTH, UdpDatagrams.decode(of(0, 0, 0, 3)).error());
        assertEquals(UdpDecodeError.LYING_LENGTH, UdpDatagrams.decode(of(0, 0, 0, 3, 255, "abc", 0, 53)).error());
        assertEquals(UdpDecodeError.LYING_LENGTH, UdpDatagrams.decode(of(0, 0, 0, 1, 192, 0, 2, 1, 0)).error());
        assertEquals(UdpDecodeError.BAD_NAME, UdpDatagrams.decode(of(0, 0, 0, 3, 3, "a b", 0, 53)).error());
        assertEquals(UdpDecodeError.BAD_NAME, UdpDatagrams.decode(of(0, 0, 0, 3, 0, 0, 53)).error());
    }

    @Test
    void encodesAnswersWithTheirSource() throws Exception {
        assertEquals(hex(of(0, 0, 0, 1, 192, 0, 2, 1, 0x30, 0x39, "hi")),
                hex(UdpDatagrams.encode(InetAddress.getByName("192.0.2.1"), 12345, of("hi"))));
        assertEquals(hex(of(0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 53)),
                hex(UdpDatagrams.encode(InetAddress.getByName("::1"), 53, of())));
    }

    @Test
    void whatIsEncodedDecodesBack() throws Exception {
        byte[] wrapped = UdpDatagrams.encode(InetAddress.getByName("198.51.100.7"), 9999, of("round trip"));
        UdpDatagram back = decoded(wrapped);
        assertEquals(new Destination(AddressType.IPV4, "198.51.100.7", 9999), back.destination());
        assertEquals("round trip", new String(back.payload()));
    }
}
