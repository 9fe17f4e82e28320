package dev.torsion.xmpp.server.component;

/** The lifecycle of one accepted component stream (XEP-0114 §3). One method per transition. */
public enum ComponentSessionState {
    /** Waiting for the component's stream header. */
    CONNECTED,
    /** Our header (with the stream id) is sent; the handshake is awaited. */
    HANDSHAKE_AWAITED,
    /** The handshake matched: the component's domain is routed to this stream. */
    ROUTING,
    /** The stream is over. */
    CLOSED;

    /** The component's header came and ours went out. */
    public ComponentSessionState opened() {
        check(CONNECTED);
        return HANDSHAKE_AWAITED;
    }

    /** The handshake matched and the domain was free. */
    public ComponentSessionState authenticated() {
        check(HANDSHAKE_AWAITED);
        return ROUTING;
    }

    /** The stream ended, from any state. */
    public ComponentSessionState close() {
        return CLOSED;
    }

    private void check(ComponentSessionState expected) {
        if (this != expected) {
            throw new IllegalStateException("component session in " + this + ", expected " + expected);
        }
    }
}
