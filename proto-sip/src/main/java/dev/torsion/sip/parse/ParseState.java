package dev.torsion.sip.parse;

/** Where {@link SipStreamParser} stands in the stream (RFC 3261 section 7 and 18.3). */
public enum ParseState {
    /** Between messages: CRLFs here are skipped (section 7.5, and RFC 5626 keep-alives). */
    IDLE,
    /** Inside a start line and header section, waiting for the empty line. */
    HEAD,
    /** Reading the Content-Length bytes of a body. */
    BODY,
    /** A fault was found; the stream's framing is lost and the parser takes nothing more. */
    FAILED
}
