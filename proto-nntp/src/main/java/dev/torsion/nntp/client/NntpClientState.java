package dev.torsion.nntp.client;

/** Where an NNTP client stands. One method per transition. */
public enum NntpClientState {
    /** Connected, waiting for the greeting (RFC 3977 §5.1). */
    GREETING,
    /** Ready: commands go out one at a time, each after the previous answer. */
    READY,
    /** Reading the block of a multi-line answer (RFC 3977 §3.1.1). */
    BLOCK,
    /** Over: the connection is closing or closed (terminal). */
    CLOSED;

    /** The greeting arrived. */
    NntpClientState greeted() {
        return require(this == GREETING, READY);
    }

    /** A multi-line answer's status line arrived. */
    NntpClientState blockStarts() {
        return require(this == READY, BLOCK);
    }

    /** The block's terminator arrived. */
    NntpClientState blockEnds() {
        return require(this == BLOCK, READY);
    }

    /** The connection ends. */
    NntpClientState close() {
        return CLOSED;
    }

    private NntpClientState require(boolean allowed, NntpClientState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
