package dev.torsion.sip.auth;

/**
 * What {@link DigestAuthenticator} decided about a request.
 *
 * @param verdict the decision
 * @param user the authenticated user name when {@link Verdict#AUTHENTICATED}
 * @param reason the reason phrase of a 400 or 403
 */
public record AuthOutcome(Verdict verdict, String user, String reason) {
    /** The kinds of decision. */
    public enum Verdict {
        /** The digest is right: go on as {@code user}. */
        AUTHENTICATED,
        /** No usable answer: send a 401 or 407 with fresh challenges (RFC 3261 section 22.1). */
        CHALLENGE,
        /** The nonce was genuine but old: challenge again with {@code stale=true} (RFC 7616 section 3.3). */
        STALE,
        /** The answer was wrong or the login throttled: a 403 (section 22.1 lets a server refuse). */
        FORBIDDEN,
        /** The header was malformed: a 400. */
        MALFORMED
    }

    static AuthOutcome of(Verdict verdict) {
        return new AuthOutcome(verdict, null, null);
    }
}
