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
        if (!literalShaped(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * Whether {@code host} can only be an address literal, never a name: it holds a colon (IPv6),
     * or only digits and dots (IPv4). A loop, not a regular expression: this runs for every
     * connection (String.matches compiled a Pattern each time, 6% of the reactor's samples).
     */
    static boolean literalShaped(String host) {
        if (host.isEmpty() || host.indexOf(':') >= 0) {
            return !host.isEmpty();
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The core's address for {@code address} port {@code port}. */
    static IPAddress ip(SocketType type, InetAddress address, int port) {
        return address instanceof Inet4Address ? new IPv4Address(type, address.getHostAddress(), port)
                : new IPv6Address(type, address.getHostAddress(), port);
    }
}
