package dev.torsion.socks.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Literals are told from names without DNS and without a regular expression per connection. */
class InetAddressesTest {
    @Test
    void literalsAreParsedWithoutLookingUpNames() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, InetAddresses.literal("127.0.0.1").getAddress());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                InetAddresses.literal("::1").getAddress());
        assertNull(InetAddresses.literal("localhost"), "a name is never looked up");
        assertNull(InetAddresses.literal("10.0.0.x"));
        assertNull(InetAddresses.literal(""));
        assertNull(InetAddresses.literal("1.2.3.4.5"), "digits and dots that are no address");
    }

    @Test
    void literalShapedAcceptsDigitsAndDotsOrAColonOnly() {
        assertTrue(InetAddresses.literalShaped("192.168.1.1"));
        assertTrue(InetAddresses.literalShaped("fe80::1"));
        assertTrue(InetAddresses.literalShaped("::"));
        assertFalse(InetAddresses.literalShaped(""));
        assertFalse(InetAddresses.literalShaped("example.org"));
        assertFalse(InetAddresses.literalShaped("1.2.3.4/8"));
        assertFalse(InetAddresses.literalShaped("-1.2.3.4"));
    }
}
