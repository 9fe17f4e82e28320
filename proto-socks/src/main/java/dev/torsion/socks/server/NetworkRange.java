package dev.torsion.socks.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR form ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is a
 * network of one.
 *
 * @param network the network's address bytes (4 or 16)
 * @param prefixLength how many leading bits must match
 */
public record NetworkRange(byte[] network, int prefixLength) {
    /** Checks the prefix against the address size. */
    public NetworkRange {
        network = network.clone();
        if (network.length != 4 && network.length != 16 || prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("bad network: " + network.length + " bytes /" + prefixLength);
        }
    }

    /**
     * Parses {@code address[/prefix]}. The address must be a literal: a name here would make the
     * rules depend on DNS.
     */
    public static NetworkRange parse(String cidr) {
        Objects.requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!InetAddresses.literalShaped(address)) {
            throw new IllegalArgumentException("not an address literal: " + cidr);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + cidr, e);
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        return new NetworkRange(bytes, prefix);
    }

    /** Whether {@code address} is in this network (an IPv4 address is never in an IPv6 network). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkRange that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
