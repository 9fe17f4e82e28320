package dev.torsion.nntp.server;

/**
 * Where an NNTP session stands (RFC 3977 §3.1): reading command lines, reading the article of a
 * POST (§6.3.1), of an IHAVE (§6.3.2) or of a TAKETHIS (RFC 4644 §2.5), or over. Waiting for the store or the portal is not a
 * state of its own: the session pauses reading until the answer comes. One method per transition.
 */
public enum NntpState {
    /** Reading command lines. */
    COMMAND,
    /** After 340: reading the multi-line block of a POST. */
    RECEIVING_POST,
    /** After 335: reading the multi-line block of an IHAVE. */
    RECEIVING_IHAVE,
    /** After TAKETHIS (RFC 4644 §2.5): reading its article, which follows the command unasked. */
    RECEIVING_TAKETHIS,
    /** The session is over (terminal). */
    CLOSED;

    /** POST was accepted with 340. */
    NntpState post() {
        return require(this == COMMAND, RECEIVING_POST);
    }

    /** IHAVE was accepted with 335. */
    NntpState ihave() {
        return require(this == COMMAND, RECEIVING_IHAVE);
    }

    /** TAKETHIS came: its article follows at once. */
    NntpState takethis() {
        return require(this == COMMAND, RECEIVING_TAKETHIS);
    }

    /** The article's terminating line arrived (or its block failed). */
    NntpState articleReceived() {
        return require(this == RECEIVING_POST || this == RECEIVING_IHAVE || this == RECEIVING_TAKETHIS, COMMAND);
    }

    /** QUIT, a timeout, a fatal error or the connection lost. */
    NntpState close() {
        return CLOSED;
    }

    private NntpState require(boolean allowed, NntpState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
