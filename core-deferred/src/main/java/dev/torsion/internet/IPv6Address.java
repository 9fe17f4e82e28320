package dev.torsion.internet;

/**
 * An IPv6 endpoint of a TCP connection or a UDP socket.
 *
 * @param type TCP or UDP
 * @param host the address in its textual form, without brackets
 * @param port the port number
 */
public record IPv6Address(SocketType type, String host, int port) implements IPAddress {
    @Override
    public String toString() {
        return type + ":[" + host + "]:" + port;
    }
}
