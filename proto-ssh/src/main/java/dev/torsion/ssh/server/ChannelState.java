package dev.torsion.ssh.server;

/** The life of one session channel (RFC 4254 sections 5 and 6). */
public enum ChannelState {
    /** Open; no command yet (env requests may come). */
    OPEN,
    /** A command runs. */
    RUNNING,
    /** The command ended: its remaining output, exit status, EOF and CLOSE are on their way. */
    ENDING,
    /** We sent CLOSE and wait for the peer's. */
    CLOSE_SENT,
    /** Closed both ways. */
    CLOSED
}
