package dev.torsion.telnet;

/** The lifecycle of one Telnet connection. */
public enum TelnetState {
    /** Made, not yet connected. */
    CONNECTING,
    /** Bytes flow and options are negotiated. */
    OPEN,
    /** The peer broke a limit (subnegotiation size, negotiation storm); the connection is closing. */
    FAILED,
    /** The connection is gone. */
    CLOSED;

    /** CONNECTING to OPEN. */
    TelnetState connected() {
        return this == CONNECTING ? OPEN : this;
    }

    /** OPEN to FAILED (a failure after close changes nothing). */
    TelnetState failed() {
        return this == CLOSED ? CLOSED : FAILED;
    }

    /** Anything to CLOSED. */
    TelnetState closed() {
        return CLOSED;
    }
}
