package dev.torsion.ssh.sftp;

/** The life of one SFTP server session, one method per transition. */
public enum SftpSessionState {
    /** The subsystem started: only INIT may come (section 4). */
    AWAITING_INIT,
    /** VERSION sent: requests are served. */
    RUNNING,
    /** The client sent EOF: the requests received are answered, then the subsystem ends. */
    DRAINING,
    /** Over: handles closed (or closing), nothing more is read or sent. */
    ENDED;

    /** INIT arrived and VERSION went out. */
    SftpSessionState initialized() {
        if (this != AWAITING_INIT) {
            throw new IllegalStateException("INIT in state " + this);
        }
        return RUNNING;
    }

    /** The client's input ended. */
    SftpSessionState inputEnded() {
        return this == ENDED ? ENDED : DRAINING;
    }

    /** The session is over, for any reason. */
    SftpSessionState ended() {
        return ENDED;
    }

    /** True while requests may still be read. */
    boolean accepting() {
        return this == AWAITING_INIT || this == RUNNING;
    }
}
