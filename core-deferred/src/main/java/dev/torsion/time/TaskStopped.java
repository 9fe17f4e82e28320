package dev.torsion.time;

/** The failure of a {@link CooperativeTask} that was stopped, and thrown when it is paused or stopped again. */
public final class TaskStopped extends TaskFinished {
    /** Creates the error. */
    public TaskStopped() {
        super("the task was stopped");
    }

    /** Creates the error with a message. */
    public TaskStopped(String message) {
        super(message);
    }
}
