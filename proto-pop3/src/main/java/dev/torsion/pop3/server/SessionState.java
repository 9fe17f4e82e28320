package dev.torsion.pop3.server;

/**
 * Where a POP3 session stands (RFC 1939 §3): AUTHORIZATION until a login, TRANSACTION while the
 * client works on the maildrop, UPDATE after QUIT while deletions are carried out. Deletions happen
 * only in UPDATE: a connection that drops in TRANSACTION deletes nothing. One method per transition;
 * each refuses (throws) a transition its state does not allow:
 *
 * <pre>
 * AUTHORIZATION --AUTH without initial response--&gt; AUTH_EXCHANGE --response or "*"--&gt; AUTHORIZATION
 * AUTHORIZATION or AUTH_EXCHANGE --login granted, maildrop listed--&gt; TRANSACTION
 * AUTHORIZATION --QUIT--&gt; CLOSED
 * TRANSACTION   --QUIT--&gt; UPDATE --removal answered (+OK or -ERR)--&gt; CLOSED
 * any state     --connection lost, timeout, too many errors or failed logins--&gt; CLOSED
 * </pre>
 */
public enum SessionState {
    /** Greeted; USER/PASS, APOP, AUTH, STLS, CAPA, UTF8, QUIT. */
    AUTHORIZATION,
    /** In an AUTH exchange: the next line is a SASL response (RFC 5034 §4). */
    AUTH_EXCHANGE,
    /** Logged in; the maildrop is open. */
    TRANSACTION,
    /** QUIT in TRANSACTION: removing the messages marked deleted. */
    UPDATE,
    /** The session is over (terminal). */
    CLOSED;

    /** AUTH started an exchange. */
    SessionState authExchange() {
        return require(this == AUTHORIZATION, AUTH_EXCHANGE);
    }

    /** The exchange ended without a login. */
    SessionState authDone() {
        return require(this == AUTH_EXCHANGE, AUTHORIZATION);
    }

    /** A login succeeded and the maildrop is listed. */
    SessionState loggedIn() {
        return require(this == AUTHORIZATION || this == AUTH_EXCHANGE, TRANSACTION);
    }

    /**
     * QUIT: from TRANSACTION to UPDATE (RFC 1939 §6), from AUTHORIZATION straight to CLOSED (§4:
     * no maildrop is open, nothing is deleted). QUIT is a command, so nowhere else: in an AUTH
     * exchange the line is a SASL response, in UPDATE and CLOSED lines are not read.
     */
    SessionState quit() {
        return switch (this) {
            case TRANSACTION -> UPDATE;
            case AUTHORIZATION -> CLOSED;
            default -> throw new IllegalStateException("no QUIT in " + this);
        };
    }

    /**
     * The session ends, from any state: UPDATE's removal answered, an error or a timeout closed
     * it, or the connection was lost (which, outside UPDATE, removes nothing).
     */
    SessionState close() {
        return CLOSED;
    }

    private SessionState require(boolean allowed, SessionState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
