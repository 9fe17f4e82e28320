package dev.torsion.internet.error;

/** A child process ended with a non-zero exit code or was killed by a signal. */
public class ProcessTerminated extends RuntimeException {
    private final Integer exitCode;
    private final Integer signal;

    /**
     * Creates the reason: exactly one of {@code exitCode} (the child exited) and {@code signal}
     * (the child was killed, e.g. 15 for TERM) is non-null.
     */
    public ProcessTerminated(Integer exitCode, Integer signal) {
        super(exitCode != null
                ? "A process has ended with a probable error condition: process ended with exit code " + exitCode + "."
                : "A process has ended with a probable error condition: process ended by signal " + signal + ".");
        this.exitCode = exitCode;
        this.signal = signal;
    }

    /** The exit code, or null when a signal ended the process. */
    public Integer exitCode() {
        return exitCode;
    }

    /** The signal number that ended the process, or null when it exited. */
    public Integer signal() {
        return signal;
    }
}
