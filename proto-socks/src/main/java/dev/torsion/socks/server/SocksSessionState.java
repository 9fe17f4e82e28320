package dev.torsion.socks.server;

/** Where one SOCKS server connection is. */
public enum SocksSessionState {
    /** Waiting for a SOCKS4 request or a SOCKS5 greeting. */
    NEGOTIATING,
    /** RFC 1929: waiting for credentials, or for the portal to check them. */
    AUTHENTICATING,
    /** SOCKS5: method chosen (and user logged in), waiting for the request. */
    AWAITING_REQUEST,
    /** CONNECT or BIND: resolving the destination (and connecting to it); the client's reading is paused. */
    CONNECTING,
    /** BIND: the first reply is sent, the port listens for the one incoming connection; reading is paused. */
    AWAITING_INCOMING,
    /** Replied success (the second reply of a BIND): bytes are relayed both ways. */
    RELAYING,
    /** UDP ASSOCIATE: replied success, datagrams are relayed while the connection stays. */
    ASSOCIATED,
    /** A refusal was sent, or the connection is gone. */
    CLOSED
}
