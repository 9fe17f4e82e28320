package dev.torsion.internet.error;

/** A child process ended with exit code 0. */
public class ProcessDone extends RuntimeException {
    /** Creates the reason. */
    public ProcessDone() {
        super("A process has ended without apparent errors: process finished with exit code 0.");
    }

    /** Always 0. */
    public int exitCode() {
        return 0;
    }
}
