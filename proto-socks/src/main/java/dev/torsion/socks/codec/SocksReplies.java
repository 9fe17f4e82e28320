package dev.torsion.socks.codec;

import java.net.InetAddress;

/** The bytes a SOCKS server answers with. Pure functions. */
public final class SocksReplies {
    /** RFC 1928 §3: X'00' NO AUTHENTICATION REQUIRED. */
    public static final int METHOD_NO_AUTH = 0x00;
    /** RFC 1928 §3: X'02' USERNAME/PASSWORD (RFC 1929). */
    public static final int METHOD_USERNAME_PASSWORD = 0x02;
    /** RFC 1928 §3: X'FF' NO ACCEPTABLE METHODS. */
    public static final int METHOD_NONE_ACCEPTABLE = 0xFF;

    private SocksReplies() {
    }

    /** RFC 1928 §3: the METHOD selection message. */
    public static byte[] methodSelection(int method) {
        return new byte[] {5, (byte) method};
    }

    /** RFC 1929 §2: the status of a username/password check; any non-zero status is a failure. */
    public static byte[] authenticationStatus(boolean success) {
        return new byte[] {1, (byte) (success ? 0 : 1)};
    }

    /**
     * RFC 1928 §6: a reply with BND.ADDR and BND.PORT; {@code bound} null gives 0.0.0.0:0, as for
     * every failure.
     */
    public static byte[] socks5(Socks5Reply reply, InetAddress bound, int boundPort) {
        byte[] address = bound == null ? new byte[4] : bound.getAddress();
        byte[] out = new byte[6 + address.length];
        out[0] = 5;
        out[1] = (byte) reply.code();
        out[2] = 0;
        out[3] = (byte) (address.length == 4 ? AddressType.IPV4.code() : AddressType.IPV6.code());
        System.arraycopy(address, 0, out, 4, address.length);
        out[out.length - 2] = (byte) (boundPort >> 8);
        out[out.length - 1] = (byte) boundPort;
        return out;
    }

    /** A SOCKS5 failure reply (BND.ADDR 0.0.0.0, BND.PORT 0). */
    public static byte[] socks5Failure(Socks5Reply reply) {
        return socks5(reply, null, 0);
    }

    /**
     * The SOCKS4 reply: VN 0, CD 90 (granted) or 91 (rejected or failed), then DSTPORT and DSTIP,
     * which a CONNECT client ignores: zeros.
     */
    public static byte[] socks4(boolean granted) {
        return new byte[] {0, (byte) (granted ? 90 : 91), 0, 0, 0, 0, 0, 0};
    }

    /**
     * The SOCKS4 reply to a BIND, which carries an address: in the first reply where the server
     * listens, in the second where the connection came from. An IPv6 address cannot be carried, so
     * it goes as 0.0.0.0, which the SOCKS4 protocol text tells a client to replace by the server's
     * own address.
     */
    public static byte[] socks4(boolean granted, InetAddress address, int port) {
        byte[] out = socks4(granted);
        out[2] = (byte) (port >> 8);
        out[3] = (byte) port;
        byte[] bytes = address == null ? new byte[4] : address.getAddress();
        if (bytes.length == 4) {
            System.arraycopy(bytes, 0, out, 4, 4);
        }
        return out;
    }
}
