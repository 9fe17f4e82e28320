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
    /** A stream management resumption is asked instead of binding (XEP-0198 §5). */
    RESUMING,
    /** Bound (or resumed): stanzas flow. */
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

    /** {@code <resume/>} was sent instead of a bind request. */
    public XmppClientState resume() {
        return check(NEGOTIATING, RESUMING);
    }

    /** {@code <resumed/>} came: the old session goes on. */
    public XmppClientState resumed() {
        return check(RESUMING, READY);
    }

    /** The resumption was refused: a new resource is bound on this stream (XEP-0198 §5). */
    public XmppClientState resumeFailed() {
        return check(RESUMING, NEGOTIATING);
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
