package dev.torsion.internet;

/**
 * An IPv4 endpoint of a TCP connection or a UDP socket.
 *
 * @param type TCP or UDP
 * @param host the dotted-quad address
 * @param port the port number
 */
public record IPv4Address(SocketType type, String host, int port) implements IPAddress {
    @Override
    public String toString() {
        return type + ":" + host + ":" + port;
    }
}
