package dev.torsion.telnet.terminal;

/** Where the key parser is in the input (ECMA-48 escape sequences, UTF-8). */
public enum KeyParserState {
    /** Between keys. */
    GROUND,
    /** After a CR: a following LF belongs to the same Enter. */
    CARRIAGE_RETURN,
    /** After ESC. */
    ESCAPE,
    /** After ESC [ (Control Sequence Introducer): parameters, then a final byte. */
    CONTROL_SEQUENCE,
    /** After ESC O (Single Shift 3): one final byte (application cursor keys, F1 to F4). */
    SINGLE_SHIFT,
    /** Inside a multi-byte UTF-8 character. */
    UTF8
}
