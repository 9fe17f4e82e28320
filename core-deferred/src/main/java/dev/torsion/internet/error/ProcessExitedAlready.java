package dev.torsion.internet.error;

/** The process has already exited, so it cannot be signalled. */
public class ProcessExitedAlready extends IllegalStateException {
    /** Creates the error with a message. */
    public ProcessExitedAlready(String message) {
        super(message);
    }

    /** Creates the error with a message and its cause. */
    public ProcessExitedAlready(String message, Throwable cause) {
        super(message, cause);
    }
}
