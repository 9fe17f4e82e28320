package dev.torsion.time;

/** Thrown when a {@link CooperativeTask} that has finished is paused or stopped; the subtype says how it finished. */
public class TaskFinished extends SchedulerError {
    /** Creates the error. */
    public TaskFinished() {
        super("the task has finished");
    }

    /** Creates the error with a message. */
    public TaskFinished(String message) {
        super(message);
    }
}
