package dev.torsion.sip.transaction;

/** The INVITE server transaction of RFC 3261 section 17.2.1, figure 7, with RFC 6026's Accepted state. */
public enum InviteServerState {
    /** The INVITE came; provisional responses may be sent. */
    PROCEEDING,
    /**
     * A 2xx was sent (RFC 6026 section 7.1): retransmitted INVITEs are absorbed rather than taken
     * for new requests, until timer L (64*T1) ends the transaction; the TU retransmits the 2xx.
     */
    ACCEPTED,
    /** A 300-699 was sent; timer G retransmits it, timer H waits for the ACK. */
    COMPLETED,
    /** The ACK came; timer I absorbs its retransmissions. */
    CONFIRMED,
    /** Over. */
    TERMINATED;

    /** On a 2xx from the TU: the TU retransmits it from now on (section 17.2.1, RFC 6026 section 7.1). */
    InviteServerState success() {
        return this == PROCEEDING ? ACCEPTED : this;
    }

    /** On a 300-699 from the TU. */
    InviteServerState failure() {
        return this == PROCEEDING ? COMPLETED : this;
    }

    /** On the ACK. */
    InviteServerState ack() {
        return this == COMPLETED ? CONFIRMED : this;
    }

    /** Timer H, I or L. */
    InviteServerState terminate() {
        return TERMINATED;
    }
}
