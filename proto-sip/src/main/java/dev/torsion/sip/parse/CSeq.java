package dev.torsion.sip.parse;

/**
 * A CSeq value (RFC 3261 section 20.16): a sequence number below 2**31 and the request's method.
 *
 * @param sequence the number
 * @param method the method, as in the request line
 */
public record CSeq(long sequence, String method) {
    /** Parses {@code 314159 INVITE}; a malformed one is a 400 {@code Malformed CSeq}. */
    public static CSeq parse(String value) throws SipParseException {
        String[] parts = Syntax.WHITESPACE.split(value.trim());
        if (parts.length != 2 || !Syntax.isDigits(parts[0], 10) || !Syntax.isToken(parts[1])) {
            throw new SipParseException(400, "Malformed CSeq");
        }
        long sequence = Long.parseLong(parts[0]);
        if (sequence >= 1L << 31) {
            throw new SipParseException(400, "Malformed CSeq");
        }
        return new CSeq(sequence, parts[1]);
    }

    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
