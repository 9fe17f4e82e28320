package dev.torsion.sip.proxy;

/** One branch of a forked request (RFC 3261 section 16.7). */
public enum BranchState {
    /** Sent, nothing back yet: a CANCEL must wait for a provisional (section 9.1). */
    TRYING,
    /** A provisional came: the branch can be cancelled. */
    PROCEEDING,
    /** A final response came, or the branch timed out. */
    COMPLETED;

    /** On a provisional. */
    BranchState provisional() {
        return this == TRYING ? PROCEEDING : this;
    }

    /** On a final response or a timeout. */
    BranchState complete() {
        return COMPLETED;
    }
}
