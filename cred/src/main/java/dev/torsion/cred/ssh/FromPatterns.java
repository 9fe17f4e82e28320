package dev.torsion.cred.ssh;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The pattern list of a {@code from="..."} option: comma-separated patterns, each optionally
 * negated with {@code !}, that are wildcards ({@code *}, {@code ?}) or CIDR blocks
 * ({@code 192.0.2.0/24}, {@code 2001:db8::/32}). As in sshd, a negated match refuses, and
 * otherwise some positive pattern must match. Patterns are matched against the peer's address only:
 * no DNS look-up is ever made, so host-name patterns match nothing.
 */
public final class FromPatterns {
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final List<Entry> entries;

    private static final class Entry {
        final boolean negated;
        final String wildcard;
        final byte[] network;
        final int prefixBits;

        Entry(boolean negated, String wildcard, byte[] network, int prefixBits) {
            this.negated = negated;
            this.wildcard = wildcard;
            this.network = network;
            this.prefixBits = prefixBits;
        }

        boolean matches(String address, byte[] addressBytes) {
            if (network != null) {
                return addressBytes != null && addressBytes.length == network.length
                        && samePrefix(addressBytes, network, prefixBits);
            }
            return wildcardMatches(wildcard, address.toLowerCase(Locale.ROOT));
        }
    }

    private FromPatterns(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses a pattern list; throws {@link IllegalArgumentException} when malformed. */
    public static FromPatterns parse(String list) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : list.split(",", -1)) {
            String pattern = raw.strip();
            boolean negated = pattern.startsWith("!");
            if (negated) {
                pattern = pattern.substring(1);
            }
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            int slash = pattern.indexOf('/');
            if (slash >= 0) {
                entries.add(cidr(negated, pattern.substring(0, slash), pattern.substring(slash + 1)));
            } else {
                entries.add(new Entry(negated, pattern.toLowerCase(Locale.ROOT), null, 0));
            }
        }
        return new FromPatterns(entries);
    }

    private static Entry cidr(boolean negated, String address, String bits) {
        byte[] network = literal(address);
        if (network == null) {
            throw new IllegalArgumentException("not an address in a CIDR block");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(bits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad CIDR prefix length");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("CIDR prefix length out of range");
        }
        if (hostBitsSet(network, prefix)) {
            throw new IllegalArgumentException("CIDR block has host bits set");
        }
        return new Entry(negated, null, network, prefix);
    }

    /** Whether {@code address} (a textual IP address) may log in under these patterns. */
    public boolean allows(String address) {
        byte[] bytes = literal(address);
        String canonical = address;
        boolean positive = false;
        for (Entry entry : entries) {
            if (entry.matches(canonical, bytes)) {
                if (entry.negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    /** The bytes of an IP address literal, or null when {@code text} is not one (never resolves names). */
    static byte[] literal(String text) {
        if (!ADDRESS_LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && !isDottedQuad(text))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePrefix(byte[] a, byte[] b, int bits) {
        BigInteger mask = BigInteger.ONE.shiftLeft(a.length * 8).subtract(BigInteger.ONE)
                .shiftRight(bits).not();
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, b).and(mask));
    }

    private static boolean hostBitsSet(byte[] network, int bits) {
        BigInteger hostMask = BigInteger.ONE.shiftLeft(network.length * 8 - bits).subtract(BigInteger.ONE);
        return new BigInteger(1, network).and(hostMask).signum() != 0;
    }

    /** Glob match with {@code *} (any run) and {@code ?} (one character), iteratively. */
    static boolean wildcardMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
