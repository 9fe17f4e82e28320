package dev.torsion.xmpp.server.s2s;

/** The lifecycle of a stream we open to another server (XEP-0220 §2.1, §2.3). One method per transition. */
public enum OutgoingS2sState {
    /** Our header is sent; the receiving server's header and features are awaited. */
    OPENING,
    /** Our {@code db:result} (or {@code db:verify}) is sent; its answer is awaited. */
    DIALBACK_SENT,
    /** The receiving server found our key valid: stanzas from our domain flow. */
    VALID,
    /** The stream is over. */
    CLOSED;

    /** The features came and the dialback request went out. */
    public OutgoingS2sState dialbackSent() {
        check(OPENING);
        return DIALBACK_SENT;
    }

    /** {@code <db:result type='valid'/>} came. */
    public OutgoingS2sState validated() {
        check(DIALBACK_SENT);
        return VALID;
    }

    /** The stream ended, from any state. */
    public OutgoingS2sState close() {
        return CLOSED;
    }

    private void check(OutgoingS2sState expected) {
        if (this != expected) {
            throw new IllegalStateException("outgoing s2s stream in " + this + ", expected " + expected);
        }
    }
}
