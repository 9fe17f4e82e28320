package dev.torsion.netty;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.UNIXAddress;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Converts Netty's and the JDK's socket addresses to Torsion's {@link Address} types. */
final class Addresses {
    private Addresses() {
    }

    /** The Torsion address of {@code address}; {@code type} says TCP or UDP for IP addresses. */
    static Address of(SocketAddress address, SocketType type) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            if (inet.getAddress() instanceof Inet6Address) {
                int scope = host.indexOf('%');
                return new IPv6Address(type, scope >= 0 ? host.substring(0, scope) : host, inet.getPort());
            }
            return new IPv4Address(type, host, inet.getPort());
        }
        if (address instanceof DomainSocketAddress domain) {
            return new UNIXAddress(emptyToNull(domain.path()));
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return new UNIXAddress(emptyToNull(unix.getPath().toString()));
        }
        return new UNIXAddress(null);
    }

    private static String emptyToNull(String path) {
        return path == null || path.isEmpty() ? null : path;
    }
}
