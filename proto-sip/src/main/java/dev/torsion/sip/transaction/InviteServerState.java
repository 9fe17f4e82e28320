package dev.torsion.sip.transaction;

/** The INVITE server transaction of RFC 3261 section 17.2.1, figure 7. */
public enum InviteServerState {
    /** The INVITE came; provisional responses may be sent. */
    PROCEEDING,
    /** A 300-699 was sent; timer G retransmits it, timer H waits for the ACK. */
    COMPLETED,
    /** The ACK came; timer I absorbs its retransmissions. */
    CONFIRMED,
    /** Over. */
    TERMINATED;

    /** On a 2xx from the TU: the TU retransmits it from now on (section 17.2.1). */
    InviteServerState success() {
        return this == PROCEEDING ? TERMINATED : this;
    }

    /** On a 300-699 from the TU. */
    InviteServerState failure() {
        return this == PROCEEDING ? COMPLETED : this;
    }

    /** On the ACK. */
    InviteServerState ack() {
        return this == COMPLETED ? CONFIRMED : this;
    }

    /** Timer H or timer I. */
    InviteServerState terminate() {
        return TERMINATED;
    }
}
