package dev.torsion.time;

/** Thrown when a {@link CooperativeTask} that ran to its end is paused or stopped. */
public final class TaskDone extends TaskFinished {
    /** Creates the error. */
    public TaskDone() {
        super("the task is done");
    }

    /** Creates the error with a message. */
    public TaskDone(String message) {
        super(message);
    }
}
