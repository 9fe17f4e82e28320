package dev.torsion.ssh.server;

/** A running command as the channel drives it. */
public interface ExecSession {
    /** Input from the client (SSH_MSG_CHANNEL_DATA). */
    void input(byte[] data);

    /** The client sent EOF. */
    void inputEnded();

    /** The channel closed before the command ended: stop it. */
    void terminate();

    /**
     * The peer's window is closed and output is piling up: stop producing until
     * {@link #resumeOutput()} (backpressure; a command that cannot pause may ignore it).
     */
    default void pauseOutput() {
    }

    /** The queued output has gone out: produce again. */
    default void resumeOutput() {
    }

    /**
     * The client's terminal changed size ({@code window-change}, RFC 4254 section 6.7): resize the
     * pseudo-terminal, so that the command hears SIGWINCH. False when this session has no terminal.
     */
    default boolean windowChanged(int columns, int rows) {
        return false;
    }

    /**
     * Delivers {@code signal} (a name without "SIG" that the channel has already checked against
     * its allow-list, RFC 4254 section 6.9) to the command. False when it cannot be delivered.
     */
    default boolean signal(String signal) {
        return false;
    }
}
