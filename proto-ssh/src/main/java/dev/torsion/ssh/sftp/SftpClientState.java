package dev.torsion.ssh.sftp;

/** The life of one SFTP client session, one method per transition. */
public enum SftpClientState {
    /** INIT sent; waiting for VERSION (section 4). */
    AWAITING_VERSION,
    /** VERSION came: requests are answered. */
    READY,
    /** The channel closed or the server broke the protocol: every request fails. */
    CLOSED;

    /** VERSION arrived. */
    SftpClientState versionReceived() {
        if (this != AWAITING_VERSION) {
            throw new IllegalStateException("VERSION in state " + this);
        }
        return READY;
    }

    /** The session is over. */
    SftpClientState closed() {
        return CLOSED;
    }
}
