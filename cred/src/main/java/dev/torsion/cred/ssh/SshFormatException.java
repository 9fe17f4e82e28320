package dev.torsion.cred.ssh;

/** SSH wire data (a key blob, a signature blob) that does not parse; the message never quotes it. */
public class SshFormatException extends Exception {
    /** Creates the exception with what is wrong. */
    public SshFormatException(String message) {
        super(message);
    }

    /** Creates the exception with what is wrong and why. */
    public SshFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
