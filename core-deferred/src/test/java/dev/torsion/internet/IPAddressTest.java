package dev.torsion.internet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IPAddressTest {

    @Test
    void bothIpFamiliesShareOneSealedSupertype() {
        assertTrue(IPAddress.class.isSealed());
        assertArrayEquals(new Class<?>[] {IPv4Address.class, IPv6Address.class},
                IPAddress.class.getPermittedSubclasses());
    }

    @Test
    void hostAndPortWithoutAskingWhichFamily() {
        List<IPAddress> addresses = List.of(new IPv4Address(SocketType.TCP, "192.0.2.7", 80),
                new IPv6Address(SocketType.UDP, "2001:db8::7", 53));
        assertEquals(List.of("192.0.2.7:80/TCP", "2001:db8::7:53/UDP"),
                addresses.stream().map(a -> a.host() + ":" + a.port() + "/" + a.type()).toList());
    }
}
