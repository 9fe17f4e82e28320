package dev.torsion.telnet.codec;

/** Where the decoder is in the byte stream (RFC 854, RFC 855). */
public enum DecoderState {
    /** Plain data. */
    DATA,
    /** After a CR in data: the NVT wants LF or NUL next (RFC 854, "The NVT Printer"). */
    CARRIAGE_RETURN,
    /** After IAC in data. */
    COMMAND,
    /** After IAC WILL, WONT, DO or DONT: the option byte comes next. */
    OPTION,
    /** After IAC SB: the option byte comes next (RFC 855). */
    SUBNEGOTIATION_OPTION,
    /** Inside a subnegotiation's parameters. */
    SUBNEGOTIATION,
    /** After IAC inside a subnegotiation: IAC (an escaped 255) or SE (the end) comes next. */
    SUBNEGOTIATION_COMMAND,
    /** A limit was broken; the decoder takes no more input. */
    FAILED
}
