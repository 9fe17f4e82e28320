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
        // 1*DIGIT LWS Method: the number ends at the first SP or HTAB, the method starts after the run.
        String v = value.trim();
        int gap = 0;
        while (gap < v.length() && v.charAt(gap) != ' ' && v.charAt(gap) != '\t') {
            gap++;
        }
        int start = gap;
        while (start < v.length() && (v.charAt(start) == ' ' || v.charAt(start) == '\t')) {
            start++;
        }
        String number = v.substring(0, gap);
        String method = v.substring(start);
        if (!Syntax.isDigits(number, 10) || !Syntax.isToken(method)) {
            throw new SipParseException(400, "Malformed CSeq");
        }
        long sequence = Long.parseLong(number);
        if (sequence >= 1L << 31) {
            throw new SipParseException(400, "Malformed CSeq");
        }
        return new CSeq(sequence, method);
    }

    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
