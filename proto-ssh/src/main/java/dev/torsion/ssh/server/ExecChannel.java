package dev.torsion.ssh.server;

import java.util.List;
import java.util.function.Consumer;

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

    /**
     * As {@link #writeSequence(List)}, and hands each array to {@code copied} once the channel no
     * longer needs it (its bytes are in packets on their way), so the caller may fill it again. An
     * array still held when the channel closes is never handed back. The default sends the
     * pieces as {@link #writeSequence(List)} does and hands nothing back.
     */
    default void writeSequence(List<byte[]> data, Consumer<byte[]> copied) {
        writeSequence(data);
    }

    /** Sends standard error (SSH_MSG_CHANNEL_EXTENDED_DATA, type 1). */
    void writeStderr(byte[] data);

    /** Sends exit-status, EOF and CLOSE once all output has gone (RFC 4254 section 6.10). */
    void exit(int status);

    /** Sends exit-signal (RFC 4254 section 6.10) with the signal name without "SIG", then EOF and CLOSE. */
    void exitSignal(String signal);
}
