package dev.torsion.sip.parse;

/** Requests derived from others: the CANCEL of RFC 3261 section 9.1. */
public final class Requests {
    private Requests() {
    }

    /**
     * Section 9.1: the CANCEL of a branch: its Request-URI, Call-ID, From, To, CSeq number and top
     * Via (so the same branch), its Route values.
     */
    public static SipRequest cancelOf(SipRequest invite) {
        SipHeaders h = new SipHeaders();
        h.add(HeaderNames.VIA, invite.headers().first(HeaderNames.VIA));
        h.add(HeaderNames.MAX_FORWARDS, "70");
        h.add(HeaderNames.FROM, invite.headers().first(HeaderNames.FROM));
        h.add(HeaderNames.TO, invite.headers().first(HeaderNames.TO));
        h.add(HeaderNames.CALL_ID, invite.callId());
        h.add(HeaderNames.CSEQ, invite.headers().first(HeaderNames.CSEQ).trim().split("[ \t]+")[0] + " " + SipRequest.CANCEL);
        for (String route : invite.headers().all(HeaderNames.ROUTE)) {
            h.add(HeaderNames.ROUTE, route);
        }
        return new SipRequest(SipRequest.CANCEL, invite.uri(), h, new byte[0]);
    }
}
