package dev.torsion.telnet.manhole;

/** The lifecycle of one manhole session: login first, then the shell. */
public enum ManholeSessionState {
    /** Asking for the user name. */
    USERNAME,
    /** Asking for the password (not echoed). */
    PASSWORD,
    /** The portal is checking; keys wait. */
    AUTHENTICATING,
    /** Logged in; the shell is starting on a worker thread; keys wait. */
    STARTING,
    /** At the shell prompt. */
    READY,
    /** A line is being evaluated on a worker thread; keys wait (Ctrl-C stops the snippet). */
    EVALUATING,
    /** Completions are being looked up on a worker thread (Tab); keys wait. */
    COMPLETING,
    /** The session is over. */
    CLOSED;

    /** USERNAME to PASSWORD. */
    ManholeSessionState usernameEntered() {
        return require(USERNAME, PASSWORD);
    }

    /** PASSWORD to AUTHENTICATING. */
    ManholeSessionState passwordEntered() {
        return require(PASSWORD, AUTHENTICATING);
    }

    /** AUTHENTICATING to STARTING. */
    ManholeSessionState loggedIn() {
        return require(AUTHENTICATING, STARTING);
    }

    /** AUTHENTICATING back to USERNAME. */
    ManholeSessionState loginRefused() {
        return require(AUTHENTICATING, USERNAME);
    }

    /** STARTING to READY, or EVALUATING or COMPLETING back to READY. */
    ManholeSessionState ready() {
        if (this != STARTING && this != EVALUATING && this != COMPLETING) {
            throw new IllegalStateException("ready from " + this);
        }
        return READY;
    }

    /** READY to EVALUATING. */
    ManholeSessionState evaluating() {
        return require(READY, EVALUATING);
    }

    /** READY to COMPLETING. */
    ManholeSessionState completing() {
        return require(READY, COMPLETING);
    }

    /** Anything to CLOSED. */
    ManholeSessionState closed() {
        return CLOSED;
    }

    private ManholeSessionState require(ManholeSessionState from, ManholeSessionState to) {
        if (this != from) {
            throw new IllegalStateException(to + " from " + this);
        }
        return to;
    }
}
