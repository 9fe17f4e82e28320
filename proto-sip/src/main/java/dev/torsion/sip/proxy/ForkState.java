package dev.torsion.sip.proxy;

/** A proxied request and its branches, as a whole (RFC 3261 section 16.7 "response context"). */
public enum ForkState {
    /** Branches are out; no final response has gone upstream. */
    FORKING,
    /** A final response went upstream (a 2xx or a 6xx, or the best once all branches ended). */
    ANSWERED,
    /** The client cancelled: branches are being cancelled and the best answer (a 487) will follow. */
    CANCELLING;

    /** A final response went upstream. */
    ForkState answered() {
        return ANSWERED;
    }

    /** A CANCEL came before any final response. */
    ForkState cancel() {
        return this == FORKING ? CANCELLING : this;
    }
}
