package dev.torsion.sip.transaction;

/** The INVITE client transaction of RFC 3261 section 17.1.1, figure 5. */
public enum InviteClientState {
    /** The INVITE was sent; timers A (retransmit) and B (give up) run. */
    CALLING,
    /** A provisional response came. */
    PROCEEDING,
    /** A 300-699 came and was ACKed; timer D absorbs retransmissions. */
    COMPLETED,
    /** Over. */
    TERMINATED;

    /** CALLING or PROCEEDING on a 1xx. */
    InviteClientState provisional() {
        return this == CALLING || this == PROCEEDING ? PROCEEDING : this;
    }

    /** On a 2xx: the transaction ends and the TU takes over (section 17.1.1.2). */
    InviteClientState success() {
        return this == CALLING || this == PROCEEDING ? TERMINATED : this;
    }

    /** On a 300-699. */
    InviteClientState failure() {
        return this == CALLING || this == PROCEEDING ? COMPLETED : this;
    }

    /** Timer B in CALLING, timer D in COMPLETED, or a transport error. */
    InviteClientState terminate() {
        return TERMINATED;
    }
}
