package dev.torsion.ssh.server;

/** A running command as the channel drives it. */
public interface ExecSession {
    /** Input from the client (SSH_MSG_CHANNEL_DATA). */
    void input(byte[] data);

    /** The client sent EOF. */
    void inputEnded();

    /** The channel closed before the command ended: stop it. */
    void terminate();
}
