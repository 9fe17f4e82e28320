package dev.torsion.ftp.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Comparing numeric host addresses, IPv4-mapped IPv6 included; nothing is ever looked up. */
final class Hosts {
    private Hosts() {
    }

    /** The host of {@code address}, or null when it has none. */
    static String hostOf(Address address) {
        return address instanceof IPAddress ip ? ip.host() : null;
    }

    /** Whether two numeric hosts are the same machine address ({@code ::ffff:127.0.0.1} equals {@code 127.0.0.1}). */
    static boolean same(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        return x != null && y != null && Arrays.equals(x, y);
    }

    /** The IPv4 form of {@code host} (a mapped IPv6 address is unmapped), or null for a real IPv6 one. */
    static String ipv4(String host) {
        byte[] raw = bytes(host);
        if (raw == null || raw.length != 4) {
            return null;
        }
        return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff);
    }

    private static byte[] bytes(String host) {
        if (host == null || host.isEmpty() || !host.matches("[0-9A-Fa-f:.%a-zA-Z]+") || !(host.contains(":") || host.matches("[0-9.]+"))) {
            return null;
        }
        try {
            // Literals only (checked above): getByName parses them without a lookup.
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
