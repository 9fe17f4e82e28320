package dev.torsion.sip.transport;

import dev.torsion.sip.parse.SipUri;

/**
 * Where a request goes: a transport, a host (an IP literal: this stack does no DNS lookups of RFC
 * 3263 on the reactor thread) and a port.
 *
 * @param kind the transport
 * @param host the host, IPv6 without brackets
 * @param port the port
 */
public record Destination(TransportKind kind, String host, int port) {
    /**
     * Where a URI sends a request (RFC 3263 reduced to what needs no DNS on the reactor thread: an IP
     * literal or localhost, the port or 5060/5061, the {@code transport} parameter or UDP); null for
     * a host name.
     */
    public static Destination forUri(SipUri uri) {
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        if (host.equalsIgnoreCase("localhost")) {
            host = "127.0.0.1";
        }
        if (!host.matches("[0-9.]+") && host.indexOf(':') < 0) {
            return null;
        }
        TransportKind kind = uri.scheme().equals("sips") ? TransportKind.TLS : TransportKind.fromName(uri.params().get("transport"));
        return new Destination(kind == null ? TransportKind.UDP : kind, host, uri.portOrDefault());
    }

    /** {@code host:port} as a connection key. */
    public String key() {
        return host + ":" + port;
    }
}
