package dev.torsion.time;

/** The failure of a {@link CooperativeTask} whose {@link Cooperator} was stopped before the task finished. */
public final class SchedulerStopped extends SchedulerError {
    /** Creates the error. */
    public SchedulerStopped() {
        super("the Cooperator was stopped");
    }

    /** Creates the error with a message. */
    public SchedulerStopped(String message) {
        super(message);
    }
}
