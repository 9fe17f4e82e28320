package dev.torsion.xmpp.client;

/** The lifecycle of a client stream (RFC 6120 §4-§7), one method per transition. */
public enum XmppClientState {
    /** Our header is sent; waiting for the server's features. */
    NEGOTIATING,
    /** {@code <starttls/>} sent; waiting for {@code <proceed/>} (§5.4.2.3). */
    STARTING_TLS,
    /** A SASL exchange is running (§6.4). */
    AUTHENTICATING,
    /** The bind request is sent (§7.6). */
    BINDING,
    /** Bound: stanzas flow. */
    READY,
    /** The stream is over. */
    CLOSED;

    /** {@code <starttls/>} was sent. */
    public XmppClientState startTls() {
        return check(NEGOTIATING, STARTING_TLS);
    }

    /** TLS is on; the stream restarts. */
    public XmppClientState tlsStarted() {
        return check(STARTING_TLS, NEGOTIATING);
    }

    /** {@code <auth/>} was sent. */
    public XmppClientState authenticate() {
        return check(NEGOTIATING, AUTHENTICATING);
    }

    /** {@code <success/>} came; the stream restarts. */
    public XmppClientState authenticated() {
        return check(AUTHENTICATING, NEGOTIATING);
    }

    /** The bind request was sent. */
    public XmppClientState bind() {
        return check(NEGOTIATING, BINDING);
    }

    /** The server bound a resource. */
    public XmppClientState bound() {
        return check(BINDING, READY);
    }

    /** The stream ended, from any state. */
    public XmppClientState close() {
        return CLOSED;
    }

    private XmppClientState check(XmppClientState from, XmppClientState to) {
        if (this != from) {
            throw new IllegalStateException("XMPP client in " + this + ", expected " + from);
        }
        return to;
    }
}
