package dev.torsion.netty.process;

/**
 * A child process could not be started: the executable was not found or not executable, the
 * working directory is missing, or the system refused (too many processes or open files).
 */
public class ProcessSpawnException extends RuntimeException {
    private final String executable;
    private final int errorNumber;

    /**
     * Creates the error.
     *
     * @param executable the program that could not be run
     * @param errorNumber the system's error number ({@code errno}), or 0 when not from the system
     * @param message what went wrong, for people
     */
    public ProcessSpawnException(String executable, int errorNumber, String message) {
        super("Cannot run program \"" + executable + "\": " + message
                + (errorNumber != 0 ? " (errno " + errorNumber + ")" : ""));
        this.executable = executable;
        this.errorNumber = errorNumber;
    }

    /** The program that could not be run. */
    public String executable() {
        return executable;
    }

    /** The system's error number ({@code errno}, e.g. 2 for "no such file"), or 0. */
    public int errorNumber() {
        return errorNumber;
    }
}
