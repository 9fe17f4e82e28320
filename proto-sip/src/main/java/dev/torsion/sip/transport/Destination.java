package dev.torsion.sip.transport;

/**
 * Where a request goes: a transport, a host (an IP literal; host names are located beforehand by
 * {@code dev.torsion.sip.locate.ServerLocator}, RFC 3263) and a port.
 *
 * @param kind the transport
 * @param host the host, IPv6 without brackets
 * @param port the port
 */
public record Destination(TransportKind kind, String host, int port) {
    /** {@code host:port} as a connection key. */
    public String key() {
        return host + ":" + port;
    }
}
