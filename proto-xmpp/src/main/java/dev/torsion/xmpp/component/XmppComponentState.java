package dev.torsion.xmpp.component;

/** The lifecycle of a component's stream to its server (XEP-0114 §3). One method per transition. */
public enum XmppComponentState {
    /** Our header is sent; the server's (with the stream id) is awaited. */
    OPENING,
    /** The handshake is sent; the server's empty {@code <handshake/>} is awaited. */
    HANDSHAKING,
    /** Accepted: stanzas flow both ways. */
    READY,
    /** The stream is over. */
    CLOSED;

    /** The server's header came and our handshake went out. */
    public XmppComponentState handshakeSent() {
        check(OPENING);
        return HANDSHAKING;
    }

    /** The server accepted the handshake. */
    public XmppComponentState accepted() {
        check(HANDSHAKING);
        return READY;
    }

    /** The stream ended, from any state. */
    public XmppComponentState close() {
        return CLOSED;
    }

    private void check(XmppComponentState expected) {
        if (this != expected) {
            throw new IllegalStateException("component stream in " + this + ", expected " + expected);
        }
    }
}
