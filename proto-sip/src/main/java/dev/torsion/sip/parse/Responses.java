package dev.torsion.sip.parse;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Builds a response to a request as RFC 3261 section 8.2.6.2 says: the Via values, From, Call-ID
 * and CSeq copied, To copied with a tag added to any final or non-100 response that lacks one.
 * Works on a partial request that failed validation: only the fields present are copied.
 */
public final class Responses {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Responses() {
    }

    /** A response of {@code status} and {@code reason} to {@code request}, with a fresh To tag. */
    public static SipResponse create(SipRequest request, int status, String reason) {
        return create(request, status, reason, newTag());
    }

    /** A response of {@code status} and {@code reason}; {@code toTag} is added where section 8.2.6.2 asks. */
    public static SipResponse create(SipRequest request, int status, String reason, String toTag) {
        SipHeaders in = request.headers();
        SipHeaders out = new SipHeaders();
        for (String via : in.all(HeaderNames.VIA)) {
            out.add(HeaderNames.VIA, via);
        }
        copy(in, out, HeaderNames.FROM);
        String to = in.first(HeaderNames.TO);
        if (to != null) {
            out.add(HeaderNames.TO, status > 100 && !hasTag(to) ? to + ";tag=" + toTag : to);
        }
        copy(in, out, HeaderNames.CALL_ID);
        copy(in, out, HeaderNames.CSEQ);
        return new SipResponse(status, reason, out, new byte[0]);
    }

    private static boolean hasTag(String to) {
        try {
            return NameAddress.parse(to, "To").tag() != null;
        } catch (SipParseException e) {
            return true; // a malformed To is copied as it came: the answer is an error anyway
        }
    }

    private static void copy(SipHeaders in, SipHeaders out, String name) {
        String value = in.first(name);
        if (value != null) {
            out.add(name, value);
        }
    }

    /** A random tag of 64 bits (section 19.3: at least 32 bits of randomness). */
    public static String newTag() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A new branch: the magic cookie and 96 random bits (section 8.1.1.7). */
    public static String newBranch() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Via.MAGIC_COOKIE + HexFormat.of().formatHex(bytes);
    }
}
