package dev.torsion.smtp.codec;

/** Where a {@link DataDecoder} stands in the message text (RFC 5321 §4.1.1.4, §4.5.2). */
public enum DataState {
    /** At the start of a line: a dot here is either stuffing or the end marker. */
    LINE_START,
    /** Inside a line. */
    TEXT,
    /** After a CR inside the text: only LF may follow. */
    CR,
    /** After a dot at the start of a line. */
    DOT,
    /** After CR LF . CR: only LF may follow, and it ends the data. */
    DOT_CR,
    /** CR LF . CR LF was seen: the message is complete. */
    DONE,
    /** A bare CR or bare LF was seen: the message is refused (terminal). */
    FAILED
}
