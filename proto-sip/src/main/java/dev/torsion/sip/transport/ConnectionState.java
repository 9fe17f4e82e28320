package dev.torsion.sip.transport;

/** The life of one SIP stream connection. */
public enum ConnectionState {
    /** Connecting out: writes wait in a queue. */
    CONNECTING,
    /** Open both ways. */
    OPEN,
    /** A fault or the end: the transport is closing it (with the core's close deadline). */
    CLOSING,
    /** Gone. */
    CLOSED;

    /** CONNECTING to OPEN. */
    ConnectionState connected() {
        return this == CONNECTING ? OPEN : this;
    }

    /** Any live state to CLOSING. */
    ConnectionState closing() {
        return this == CLOSED ? CLOSED : CLOSING;
    }

    /** Any state to CLOSED. */
    ConnectionState lost() {
        return CLOSED;
    }
}
