package dev.torsion.time;

/** An error of a {@link Cooperator} or of one of its {@link CooperativeTask}s, as Twisted's {@code SchedulerError}. */
public class SchedulerError extends RuntimeException {
    /** Creates the error. */
    public SchedulerError() {
        super("scheduler error");
    }

    /** Creates the error with a message. */
    public SchedulerError(String message) {
        super(message);
    }
}
