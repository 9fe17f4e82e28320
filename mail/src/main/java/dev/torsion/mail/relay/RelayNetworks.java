package dev.torsion.mail.relay;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client networks allowed to relay without logging in ({@code 127.0.0.0/8}, {@code ::1/128},
 * {@code 192.0.2.0/24}), as Postfix's {@code mynetworks}. Only literal addresses are parsed: no DNS.
 */
public final class RelayNetworks {
    private record Block(byte[] network, int prefix) {
    }

    private final List<Block> blocks;

    private RelayNetworks(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** No network: only authenticated users relay. */
    public static RelayNetworks none() {
        return new RelayNetworks(List.of());
    }

    /** Parses CIDR blocks; throws IllegalArgumentException for a malformed one. */
    public static RelayNetworks parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            int slash = cidr.indexOf('/');
            byte[] address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            blocks.add(new Block(address, prefix));
        }
        return new RelayNetworks(List.copyOf(blocks));
    }

    /** Whether the address {@code host} (a literal) is in one of the networks. */
    public boolean contains(String host) {
        byte[] address;
        try {
            address = literal(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (Block block : blocks) {
            if (block.network().length == address.length && matches(block, address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Block block, byte[] address) {
        int bits = block.prefix();
        for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((address[i] & mask) != (block.network()[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String text) {
        if (!text.matches("[0-9a-fA-F:.]+") || !(text.contains(".") || text.contains(":"))) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
