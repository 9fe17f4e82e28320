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
}
