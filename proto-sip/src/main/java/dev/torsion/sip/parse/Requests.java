package dev.torsion.sip.parse;

/**
 * Requests derived from others: the CANCEL of an INVITE (RFC 3261 section 9.1), the ACK of a
 * failure (section 17.1.1.3), and the same request as a new transaction (RFC 3263 section 4.3).
 */
public final class Requests {
    private Requests() {
    }

    /**
     * Section 9.1: the CANCEL of an INVITE: its Request-URI, Call-ID, From, To, CSeq number and top
     * Via (so the same branch), its Route values.
     */
    public static SipRequest cancelOf(SipRequest invite) {
        return sameTransaction(invite, SipRequest.CANCEL, invite.headers().first(HeaderNames.TO));
    }

    /**
     * Section 17.1.1.3: the ACK of a 300-699 answer: as the CANCEL, but with the To of the response
     * (its tag included).
     */
    public static SipRequest ackOf(SipRequest invite, SipResponse failure) {
        return sameTransaction(invite, SipRequest.ACK, failure.headers().first(HeaderNames.TO));
    }

    /**
     * RFC 3263 section 4.3: a copy of {@code request} whose top Via branch has {@code suffix}
     * appended, so it is a new transaction for the next destination (the loop-detection prefix of
     * a proxy's branch stays).
     */
    public static SipRequest withNewBranch(SipRequest request, String suffix) {
        SipRequest copy = request.copy();
        try {
            Via top = copy.topVia();
            top.params().set("branch", top.branch() + suffix);
            copy.headers().removeFirst(HeaderNames.VIA);
            copy.headers().addFirst(HeaderNames.VIA, top.toString());
        } catch (SipParseException e) {
            throw new IllegalArgumentException("a request sent before has a top Via with a branch", e);
        }
        return copy;
    }

    private static SipRequest sameTransaction(SipRequest invite, String method, String to) {
        SipHeaders h = new SipHeaders();
        h.add(HeaderNames.VIA, invite.headers().first(HeaderNames.VIA));
        h.add(HeaderNames.MAX_FORWARDS, "70");
        h.add(HeaderNames.FROM, invite.headers().first(HeaderNames.FROM));
        h.add(HeaderNames.TO, to);
        h.add(HeaderNames.CALL_ID, invite.callId());
        h.add(HeaderNames.CSEQ, Syntax.WHITESPACE.split(invite.headers().first(HeaderNames.CSEQ).trim())[0] + " " + method);
        for (String route : invite.headers().all(HeaderNames.ROUTE)) {
            h.add(HeaderNames.ROUTE, route);
        }
        return new SipRequest(method, invite.uri(), h, new byte[0]);
    }
}
