package dev.torsion.telnet.codec;

/**
 * The state of one side of one option in the Q method of RFC 1143 (section 7), the queue bit
 * folded in: {@code WANTNO_OPPOSITE} is "WANTNO with the queue holding OPPOSITE".
 */
public enum QState {
    /** Disabled. */
    NO,
    /** Enabled. */
    YES,
    /** We asked to disable and await the answer; nothing queued. */
    WANTNO_EMPTY,
    /** We asked to disable and, once it is, want to enable again. */
    WANTNO_OPPOSITE,
    /** We asked to enable and await the answer; nothing queued. */
    WANTYES_EMPTY,
    /** We asked to enable and, once it is, want to disable again. */
    WANTYES_OPPOSITE;

    /** Whether no negotiation is in flight (NO or YES). */
    public boolean isSettled() {
        return this == NO || this == YES;
    }
}
