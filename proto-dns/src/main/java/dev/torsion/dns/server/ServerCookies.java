package dev.torsion.dns.server;

import dev.torsion.dns.codec.Edns;
import dev.torsion.dns.codec.Presentation;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * DNS cookies, server side (RFC 7873), with the interoperable server cookie of RFC 9018: version
 * 1, three reserved octets, a 32-bit timestamp and SipHash-2-4 over the client cookie, those
 * fields and the client's address, keyed by a secret made at start. A query carrying a server
 * cookie this server made within the last hour, for the same client cookie and address, is
 * verified (RFC 7873 section 5.2.4); every reply to a query with a COOKIE option carries the client
 * cookie and a fresh server cookie (section 5.2.3).
 */
public final class ServerCookies {
    /** The COOKIE option code (RFC 7873 section 4). */
    public static final int OPTION = 10;
    private static final long LIFETIME = 3600;

    /** What a query's COOKIE option says. */
    public enum Check {
        /** No COOKIE option. */
        NONE,
        /** A client cookie only, or a server cookie that does not verify (stale, another server's). */
        CLIENT_ONLY,
        /** A server cookie this server made, for this client. */
        VERIFIED,
        /** A COOKIE option of a bad length: FORMERR (RFC 7873 section 5.2.2). */
        MALFORMED
    }

    private final LongSupplier unixSeconds;
    private final long[] key = new long[2];

    /** Cookies stamped with the system's Unix time (RFC 9018 section 4.3). */
    public ServerCookies() {
        this(() -> System.currentTimeMillis() / 1000);
    }

    /** Cookies stamped with {@code unixSeconds} (tests). */
    public ServerCookies(LongSupplier unixSeconds) {
        this.unixSeconds = unixSeconds;
        SecureRandom random = new SecureRandom();
        key[0] = random.nextLong();
        key[1] = random.nextLong();
    }

    /** The COOKIE option of {@code edns}, or null. */
    public static byte[] option(Edns edns) {
        if (edns == null) {
            return null;
        }
        for (Edns.Option option : edns.options()) {
            if (option.code() == OPTION) {
                return option.data();
            }
        }
        return null;
    }

    /** Checks a query's cookie from {@code peer}. */
    public Check check(Edns edns, Address peer) {
        byte[] cookie = option(edns);
        if (cookie == null) {
            return Check.NONE;
        }
        if (cookie.length < 8 || (cookie.length > 8 && cookie.length < 16) || cookie.length > 40) {
            return Check.MALFORMED;
        }
        if (cookie.length != 24 || cookie[8] != 1) {
            return Check.CLIENT_ONLY;
        }
        long stamp = ByteBuffer.wrap(cookie, 12, 4).getInt() & 0xffffffffL;
        long now = now();
        // RFC 9018 section 4.3: valid from 5 minutes in the future to an hour in the past (serial arithmetic).
        long age = (now - stamp) & 0xffffffffL;
        if (age > LIFETIME && ((stamp - now) & 0xffffffffL) > 300) {
            return Check.CLIENT_ONLY;
        }
        byte[] expected = serverCookie(Arrays.copyOf(cookie, 8), stamp, peer);
        return MessageDigest.isEqual(expected, Arrays.copyOfRange(cookie, 8, 24)) ? Check.VERIFIED : Check.CLIENT_ONLY;
    }

    /** The COOKIE option of a reply: the client cookie and a new server cookie (RFC 7873 section 5.2.3). */
    public Edns.Option replyOption(Edns queryEdns, Address peer) {
        byte[] client = Arrays.copyOf(option(queryEdns), 8);
        byte[] server = serverCookie(client, now(), peer);
        byte[] data = Arrays.copyOf(client, 24);
        System.arraycopy(server, 0, data, 8, 16);
        return new Edns.Option(OPTION, data);
    }

    private long now() {
        return unixSeconds.getAsLong() & 0xffffffffL;
    }

    /** RFC 9018 section 4.2: version, reserved, timestamp, then SipHash-2-4(client cookie | those | client IP). */
    private byte[] serverCookie(byte[] client, long stamp, Address peer) {
        byte[] address = addressOf(peer);
        ByteBuffer input = ByteBuffer.allocate(16 + address.length);
        input.put(client).put((byte) 1).put(new byte[3]).putInt((int) stamp).put(address);
        long hash = sipHash24(input.array());
        ByteBuffer out = ByteBuffer.allocate(16);
        out.put((byte) 1).put(new byte[3]).putInt((int) stamp).order(ByteOrder.LITTLE_ENDIAN).putLong(hash);
        return out.array();
    }

    private static byte[] addressOf(Address peer) {
        String host = peer instanceof IPv4Address a ? a.host() : peer instanceof IPv6Address a6 ? a6.host() : "";
        String bare = host.contains("%") ? host.substring(0, host.indexOf('%')) : host;
        try {
            return Presentation.parseAddress(bare, bare.contains(":") ? 16 : 4);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** SipHash-2-4 (Aumasson and Bernstein), the 64-bit output, key in little-endian words. */
    long sipHash24(byte[] data) {
        long v0 = 0x736f6d6570736575L ^ key[0];
        long v1 = 0x646f72616e646f6dL ^ key[1];
        long v2 = 0x6c7967656e657261L ^ key[0];
        long v3 = 0x7465646279746573L ^ key[1];
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = data.length / 8;
        long[] v = {v0, v1, v2, v3};
        for (int i = 0; i < blocks; i++) {
            long m = in.getLong(i * 8);
            v[3] ^= m;
            rounds(v, 2);
            v[0] ^= m;
        }
        long last = (long) (data.length & 0xff) << 56;
        for (int i = 0; i < data.length % 8; i++) {
            last |= (long) (data[blocks * 8 + i] & 0xff) << (8 * i);
        }
        v[3] ^= last;
        rounds(v, 2);
        v[0] ^= last;
        v[2] ^= 0xff;
        rounds(v, 4);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void rounds(long[] v, int count) {
        for (int i = 0; i < count; i++) {
            v[0] += v[1];
            v[1] = Long.rotateLeft(v[1], 13);
            v[1] ^= v[0];
            v[0] = Long.rotateLeft(v[0], 32);
            v[2] += v[3];
            v[3] = Long.rotateLeft(v[3], 16);
            v[3] ^= v[2];
            v[0] += v[3];
            v[3] = Long.rotateLeft(v[3], 21);
            v[3] ^= v[0];
            v[2] += v[1];
            v[1] = Long.rotateLeft(v[1], 17);
            v[1] ^= v[2];
            v[2] = Long.rotateLeft(v[2], 32);
        }
    }

    /** Sets the SipHash key (tests: the reference vectors). */
    void setKey(long k0, long k1) {
        key[0] = k0;
        key[1] = k1;
    }
}
