package dev.torsion.ssh.server;

import java.util.List;

/** The server's side of one session channel, as a running command sees it (RFC 4254 section 6). */
public interface ExecChannel {
    /** Sends standard output (SSH_MSG_CHANNEL_DATA), within the peer's window. */
    void write(byte[] data);

    /**
     * Sends several pieces of standard output at once: the channel may pack them into fewer
     * packets than one {@link #write} each would take.
     */
    default void writeSequence(List<byte[]> data) {
        for (byte[] piece : data) {
            write(piece);
        }
    }

    /** Sends standard error (SSH_MSG_CHANNEL_EXTENDED_DATA, type 1). */
    void writeStderr(byte[] data);

    /** Sends exit-status, EOF and CLOSE once all output has gone (RFC 4254 section 6.10). */
    void exit(int status);

    /** Sends exit-signal (RFC 4254 section 6.10) with the signal name without "SIG", then EOF and CLOSE. */
    void exitSignal(String signal);
}
