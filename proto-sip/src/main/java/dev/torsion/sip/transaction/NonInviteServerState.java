package dev.torsion.sip.transaction;

/** The non-INVITE server transaction of RFC 3261 section 17.2.2, figure 8. */
public enum NonInviteServerState {
    /** The request came; nothing sent yet. */
    TRYING,
    /** A provisional response was sent. */
    PROCEEDING,
    /** The final response was sent; timer J answers retransmissions with it. */
    COMPLETED,
    /** Over. */
    TERMINATED;

    /** On a 1xx from the TU. */
    NonInviteServerState provisional() {
        return this == TRYING || this == PROCEEDING ? PROCEEDING : this;
    }

    /** On a final response from the TU. */
    NonInviteServerState finalResponse() {
        return this == TRYING || this == PROCEEDING ? COMPLETED : this;
    }

    /** Timer J. */
    NonInviteServerState terminate() {
        return TERMINATED;
    }
}
