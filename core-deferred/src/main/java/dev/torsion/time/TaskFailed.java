package dev.torsion.time;

/** Thrown when a {@link CooperativeTask} whose iterator failed is paused or stopped. */
public final class TaskFailed extends TaskFinished {
    /** Creates the error. */
    public TaskFailed() {
        super("the task failed");
    }

    /** Creates the error with a message. */
    public TaskFailed(String message) {
        super(message);
    }
}
