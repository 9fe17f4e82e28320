package dev.torsion.ftp.server;

/**
 * Where an FTP session stands (RFC 959 §5.4, the login and rename sequences): greeted and waiting
 * for USER, waiting for PASS, checking the password, logged in, or logged in with an RNFR waiting
 * for its RNTO. One method per transition; a transfer in progress is the data channel's business,
 * not a state of the session.
 */
public enum FtpState {
    /** Greeted (220); USER comes next. */
    AWAITING_USER,
    /** USER answered with 331; PASS comes next. */
    AWAITING_PASS,
    /** PASS given; the portal is checking it. */
    AUTHENTICATING,
    /** Logged in. */
    LOGGED_IN,
    /** Logged in, RNFR answered with 350: RNTO must come next (RFC 959 §4.1.3). */
    RENAME_PENDING,
    /** The session is over (terminal). */
    CLOSED;

    /** USER: a name was given (again, possibly). */
    FtpState user() {
        return require(this == AWAITING_USER || this == AWAITING_PASS, AWAITING_PASS);
    }

    /** PASS after USER: the portal checks. */
    FtpState pass() {
        return require(this == AWAITING_PASS, AUTHENTICATING);
    }

    /** The portal said yes. */
    FtpState loggedIn() {
        return require(this == AUTHENTICATING, LOGGED_IN);
    }

    /** The portal said no: start again with USER. */
    FtpState loginFailed() {
        return require(this == AUTHENTICATING, AWAITING_USER);
    }

    /** RNFR named an existing file. */
    FtpState renameFrom() {
        return require(this == LOGGED_IN || this == RENAME_PENDING, RENAME_PENDING);
    }

    /** RNTO, or any other command, ends the rename sequence. */
    FtpState renameDone() {
        return require(this == RENAME_PENDING || this == LOGGED_IN, LOGGED_IN);
    }

    /** The session ends, from any state. */
    FtpState close() {
        return CLOSED;
    }

    /** Whether a user is logged in. */
    public boolean isLoggedIn() {
        return this == LOGGED_IN || this == RENAME_PENDING;
    }

    private FtpState require(boolean allowed, FtpState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
