package dev.torsion.socks.codec;

import java.util.Objects;

/**
 * Where a client asks to go: an address literal ({@code 192.0.2.1}, {@code 2001:db8::1}) or a domain
 * name the server resolves, and a port.
 *
 * @param type how the client gave the address
 * @param host the textual address literal, or the domain name
 * @param port the destination port, 0 to 65535
 */
public record Destination(AddressType type, String host, int port) {
    /** Checks the fields. */
    public Destination {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
    }

    @Override
    public String toString() {
        return (type == AddressType.IPV6 ? "[" + host + "]" : host) + ":" + port;
    }
}
