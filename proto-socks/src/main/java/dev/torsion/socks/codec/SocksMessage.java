package dev.torsion.socks.codec;

import java.util.List;

/** One complete message a SOCKS client sent, as the decoder delivers it. */
public sealed interface SocksMessage {

    /**
     * A SOCKS4 or SOCKS4a request (SOCKS4a when the destination is a {@link AddressType#DOMAIN}).
     *
     * @param command the CD byte
     * @param destination DSTIP (or the SOCKS4a name) and DSTPORT
     * @param userId the USERID field, which SOCKS4 servers may use for identd checks; unused here
     */
    record Socks4Request(SocksCommand command, Destination destination, String userId) implements SocksMessage {
    }

    /**
     * A SOCKS5 version identifier/method selection message (RFC 1928 §3).
     *
     * @param methods the METHODS offered, in the client's order, each 0 to 255
     */
    record Greeting(List<Integer> methods) implements SocksMessage {
        /** Copies the list. */
        public Greeting {
            methods = List.copyOf(methods);
        }
    }

    /**
     * An RFC 1929 username/password request.
     *
     * @param username UNAME, decoded as UTF-8
     * @param password PASSWD, as sent
     */
    record PasswordAuthentication(String username, byte[] password) implements SocksMessage {
        @Override
        public String toString() {
            // No secrets in logs.
            return "PasswordAuthentication[username=" + username + ", password=<" + password.length + " bytes>]";
        }
    }

    /**
     * A SOCKS5 request (RFC 1928 §4).
     *
     * @param command the CMD byte
     * @param destination DST.ADDR and DST.PORT
     */
    record Socks5Request(SocksCommand command, Destination destination) implements SocksMessage {
    }
}
