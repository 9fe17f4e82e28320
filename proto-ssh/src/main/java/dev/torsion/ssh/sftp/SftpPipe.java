package dev.torsion.ssh.sftp;

/** Where an {@link SftpClient}'s bytes go: a session channel running the {@code sftp} subsystem, or a test's pipe. */
public interface SftpPipe {
    /** Sends bytes to the server (in order, with the channel's flow control). */
    void send(byte[] data);

    /** Ends the subsystem: EOF and CLOSE on the channel. */
    void close();
}
