package dev.torsion.xmpp.server.s2s;

/** The lifecycle of a stream another server opened to us (XEP-0220 §2.2, §2.4). One method per transition. */
public enum IncomingS2sState {
    /** Waiting for the other server's header. */
    CONNECTED,
    /** Headers and features exchanged: dialback requests and stanzas of verified domains are taken. */
    OPEN,
    /** The stream is over. */
    CLOSED;

    /** The header came and ours (with features) went out. */
    public IncomingS2sState opened() {
        if (this != CONNECTED) {
            throw new IllegalStateException("incoming s2s stream in " + this + ", expected CONNECTED");
        }
        return OPEN;
    }

    /** The stream ended, from any state. */
    public IncomingS2sState close() {
        return CLOSED;
    }
}
