package dev.torsion.ssh.codec;

/**
 * A peer broke the SSH protocol: the connection ends with SSH_MSG_DISCONNECT carrying
 * {@link #reasonCode()} (RFC 4253 section 11.1) and the message as its description.
 */
public class SshProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int reasonCode;

    /** A protocol error earning the disconnect reason {@code reasonCode} (see {@link DisconnectReason}). */
    public SshProtocolException(int reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** A protocol error with its cause. */
    public SshProtocolException(int reasonCode, String message, Throwable cause) {
        super(message, cause);
        this.reasonCode = reasonCode;
    }

    /** The SSH_MSG_DISCONNECT reason code this error earns. */
    public int reasonCode() {
        return reasonCode;
    }

    /** A malformed message: SSH_DISCONNECT_PROTOCOL_ERROR. */
    public static SshProtocolException malformed(String message) {
        return new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, message);
    }
}
