package dev.torsion.socks.client;

/** Where a {@link SocksClientHandshake} stands. One method per transition; FAILED is terminal. */
public enum SocksClientState {
    /** Nothing sent yet. */
    START,
    /** SOCKS5: the method selection was sent (RFC 1928 §3). */
    METHODS_SENT,
    /** SOCKS5: the username/password request was sent (RFC 1929 §2). */
    AUTH_SENT,
    /** The CONNECT request was sent (RFC 1928 §4, SOCKS4a). */
    CONNECT_SENT,
    /** The proxy connected us: what follows is the destination's stream. */
    CONNECTED,
    /** The proxy refused, or answered something that is not SOCKS (terminal). */
    FAILED;

    SocksClientState methodsSent() {
        return require(this == START, METHODS_SENT);
    }

    SocksClientState authSent() {
        return require(this == METHODS_SENT, AUTH_SENT);
    }

    SocksClientState connectSent() {
        return require(this == START || this == METHODS_SENT || this == AUTH_SENT, CONNECT_SENT);
    }

    SocksClientState connected() {
        return require(this == CONNECT_SENT, CONNECTED);
    }

    SocksClientState fail() {
        return FAILED;
    }

    private SocksClientState require(boolean allowed, SocksClientState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
