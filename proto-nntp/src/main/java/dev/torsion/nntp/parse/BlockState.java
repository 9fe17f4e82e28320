package dev.torsion.nntp.parse;

/** Where a {@link BlockDecoder} stands in a multi-line block (RFC 3977 §3.1.1). */
public enum BlockState {
    /** At the start of a line: a dot here is either stuffing or the terminator. */
    LINE_START,
    /** Inside a line. */
    TEXT,
    /** After a CR: only LF may follow. */
    CR,
    /** After a dot at the start of a line. */
    DOT,
    /** After CR LF . CR: only LF may follow, and it ends the block. */
    DOT_CR,
    /** The terminating line was seen: the block is complete. */
    DONE,
    /** A bare CR or bare LF was seen: the block is refused, the stream cannot be trusted (terminal). */
    FAILED
}
