package dev.torsion.imap.parse;

/** How STORE changes flags (RFC 3501 §6.4.6). */
public enum StoreMode {
    /** FLAGS: replace. */
    REPLACE,
    /** +FLAGS: add. */
    ADD,
    /** -FLAGS: remove. */
    REMOVE
}
