package dev.torsion.ssh.sftp;

/** A request the server answered with a STATUS other than OK (draft-ietf-secsh-filexfer-02 section 7). */
public class SftpException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A failure with the SSH_FX_* {@code status} and the server's message. */
    public SftpException(int status, String message) {
        super(message + " (SFTP status " + status + ")");
        this.status = status;
    }

    /** The SSH_FX_* code ({@link SftpNumbers#NO_SUCH_FILE}, ...). */
    public int status() {
        return status;
    }
}
