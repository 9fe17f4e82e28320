package dev.torsion.imap.client;

/** Where the client stands (RFC 3501 §3), as far as its own commands tell it. */
public enum ClientState {
    /** Waiting for the greeting. */
    GREETING,
    /** Greeted, not logged in. */
    READY,
    /** Logged in (or PREAUTH). */
    AUTHENTICATED,
    /** A mailbox selected. */
    SELECTED,
    /** Logged out, BYE received, or the connection lost (terminal). */
    CLOSED
}
