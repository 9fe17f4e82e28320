package dev.torsion.socks.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Between the core's {@link Address} and the JDK's {@link InetAddress}, never through DNS. */
final class InetAddresses {
    private InetAddresses() {
    }

    /** The InetAddress of an IP address literal (no DNS), or null for any other address. */
    static InetAddress of(Address address) {
        if (!(address instanceof IPAddress ip)) {
            return null;
        }
        return literal(ip.host());
    }

    /** The port of an IP address, 0 for any other address. */
    static int portOf(Address address) {
        return address instanceof IPAddress ip ? ip.port() : 0;
    }

    /** The InetAddress of a textual literal, or null when it is not one (a name is never looked up). */
    static InetAddress literal(String host) {
        if (host.isEmpty() || !host.contains(":") && !host.matches("[0-9.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The core's address for {@code address} port {@code port}. */
    static IPAddress ip(SocketType type, InetAddress address, int port) {
        return address instanceof Inet4Address ? new IPv4Address(type, address.getHostAddress(), port)
                : new IPv6Address(type, address.getHostAddress(), port);
    }
}
