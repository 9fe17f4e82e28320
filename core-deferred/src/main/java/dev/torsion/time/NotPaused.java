package dev.torsion.time;

/** Thrown when a {@link CooperativeTask} that is not paused is resumed. */
public final class NotPaused extends SchedulerError {
    /** Creates the error. */
    public NotPaused() {
        super("the task is not paused");
    }

    /** Creates the error with a message. */
    public NotPaused(String message) {
        super(message);
    }
}
