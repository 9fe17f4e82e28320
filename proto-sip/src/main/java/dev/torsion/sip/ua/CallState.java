package dev.torsion.sip.ua;

/** The life of a call placed by {@link UserAgent} (RFC 3261 sections 12, 13 and 15). */
public enum CallState {
    /** The INVITE is out; CANCEL is possible once a provisional came. */
    CALLING,
    /** A provisional response with a To tag: an early dialog (for a call taken: answered, awaiting the ACK). */
    EARLY,
    /** A 2xx came and was ACKed: the dialog is confirmed. */
    CONFIRMED,
    /** BYE, CANCEL or a failure ended it. */
    TERMINATED;

    /** On a provisional. */
    CallState early() {
        return this == CALLING ? EARLY : this;
    }

    /** On the 2xx. */
    CallState confirmed() {
        return this == CALLING || this == EARLY ? CONFIRMED : this;
    }

    /** On BYE, a final failure or a cancel. */
    CallState terminated() {
        return TERMINATED;
    }
}
