package dev.torsion.xmpp.server;

/**
 * The lifecycle of one client-to-server stream (RFC 6120 §4-§7): opened, TLS negotiated, SASL,
 * stream restart, resource binding, then stanzas. One method per transition; each refuses a
 * transition from the wrong state.
 */
public enum XmppSessionState {
    /** Waiting for the client's stream header: the first, or a restart after TLS (§5.4.3.3). */
    CONNECTED,
    /** Features with a required STARTTLS sent (§5.3.1): only {@code <starttls/>} is acceptable. */
    TLS_OFFERED,
    /** Features with the SASL mechanisms sent (§6.3.3). */
    AUTH_OFFERED,
    /** A SASL exchange is running (§6.4). */
    AUTHENTICATING,
    /** SASL succeeded; waiting for the restarted stream's header (§6.4.6). */
    AUTHENTICATED,
    /** Features with resource binding sent (§7.1). */
    BIND_OFFERED,
    /** A resource is bound: stanzas flow (§7.6). */
    BOUND,
    /** The stream is over. */
    CLOSED;

    /** The client's header came; TLS is offered first when it is required and not yet on. */
    public XmppSessionState streamOpened(boolean tlsFirst) {
        check(CONNECTED);
        return tlsFirst ? TLS_OFFERED : AUTH_OFFERED;
    }

    /** {@code <proceed/>} sent: the next header comes over TLS. */
    public XmppSessionState tlsStarted() {
        if (this != TLS_OFFERED && this != AUTH_OFFERED) {
            throw illegal("tlsStarted");
        }
        return CONNECTED;
    }

    /** An {@code <auth/>} began an exchange. */
    public XmppSessionState saslStarted() {
        check(AUTH_OFFERED);
        return AUTHENTICATING;
    }

    /** The exchange failed or was aborted: mechanisms may be tried again (§6.4.5). */
    public XmppSessionState saslFailed() {
        check(AUTHENTICATING);
        return AUTH_OFFERED;
    }

    /** {@code <success/>} sent. */
    public XmppSessionState saslSucceeded() {
        check(AUTHENTICATING);
        return AUTHENTICATED;
    }

    /** The restarted, authenticated stream's header came; binding is offered. */
    public XmppSessionState authenticatedStreamOpened() {
        check(AUTHENTICATED);
        return BIND_OFFERED;
    }

    /** A resource was bound. */
    public XmppSessionState bound() {
        check(BIND_OFFERED);
        return BOUND;
    }

    /** The stream ended, from any state. */
    public XmppSessionState close() {
        return CLOSED;
    }

    /** Whether a header is awaited (the stream, or a restarted one, has not opened yet). */
    public boolean awaitsHeader() {
        return this == CONNECTED || this == AUTHENTICATED;
    }

    private void check(XmppSessionState expected) {
        if (this != expected) {
            throw illegal("expected " + expected);
        }
    }

    private IllegalStateException illegal(String what) {
        return new IllegalStateException("XMPP session in " + this + ": " + what);
    }
}
