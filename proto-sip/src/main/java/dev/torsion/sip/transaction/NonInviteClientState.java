package dev.torsion.sip.transaction;

/** The non-INVITE client transaction of RFC 3261 section 17.1.2, figure 6. */
public enum NonInviteClientState {
    /** The request was sent; timers E (retransmit) and F (give up) run. */
    TRYING,
    /** A provisional response came; E now fires every T2. */
    PROCEEDING,
    /** A final response came; timer K absorbs retransmissions. */
    COMPLETED,
    /** Over. */
    TERMINATED;

    /** On a 1xx. */
    NonInviteClientState provisional() {
        return this == TRYING || this == PROCEEDING ? PROCEEDING : this;
    }

    /** On a final response. */
    NonInviteClientState finalResponse() {
        return this == TRYING || this == PROCEEDING ? COMPLETED : this;
    }

    /** Timer F, timer K or a transport error. */
    NonInviteClientState terminate() {
        return TERMINATED;
    }
}
