package dev.torsion.imap.server;

/**
 * What the session does with input: reads the next command, holds it back while a command is
 * being answered (RFC 3501 §5.5: answers are not interleaved here), or reads one continuation
 * line (an AUTHENTICATE response, IDLE's DONE).
 */
enum InputMode {
    /** The next command may be read. */
    READY,
    /** A command is being answered; input waits. */
    BUSY,
    /** A continuation line is awaited. */
    CONTINUATION
}
