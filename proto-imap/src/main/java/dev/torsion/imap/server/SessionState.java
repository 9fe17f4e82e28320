package dev.torsion.imap.server;

/**
 * Where an IMAP session stands (RFC 3501 §3): NOT_AUTHENTICATED until a login, AUTHENTICATED
 * with no mailbox selected, SELECTED with one, LOGOUT at the end. One method per transition.
 */
public enum SessionState {
    /** Greeted; CAPABILITY, NOOP, LOGOUT, STARTTLS, LOGIN, AUTHENTICATE, ID. */
    NOT_AUTHENTICATED,
    /** Logged in, no mailbox selected. */
    AUTHENTICATED,
    /** A mailbox selected (read-write by SELECT, read-only by EXAMINE). */
    SELECTED,
    /** The session is over (terminal). */
    LOGOUT;

    /** LOGIN or AUTHENTICATE succeeded. */
    SessionState loggedIn() {
        return require(this == NOT_AUTHENTICATED, AUTHENTICATED);
    }

    /** SELECT or EXAMINE succeeded (from a selected state too: RFC 3501 §6.3.1). */
    SessionState selected() {
        return require(this == AUTHENTICATED || this == SELECTED, SELECTED);
    }

    /** CLOSE, UNSELECT, or a SELECT that failed while a mailbox was selected. */
    SessionState deselected() {
        return require(this == SELECTED || this == AUTHENTICATED, AUTHENTICATED);
    }

    /** LOGOUT, BYE, or the connection lost. */
    SessionState logout() {
        return LOGOUT;
    }

    /** Whether a user is logged in. */
    boolean authenticated() {
        return this == AUTHENTICATED || this == SELECTED;
    }

    private SessionState require(boolean allowed, SessionState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
