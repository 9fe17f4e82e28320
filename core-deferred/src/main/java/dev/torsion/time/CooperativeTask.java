package dev.torsion.time;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A long job that a {@link Cooperator} runs a step at a time, as Twisted's {@code CooperativeTask}:
 * each step is one {@code next()} of its iterator. A step that yields a Deferred pauses the task
 * until that Deferred fires (a failure of it fails the task).
 *
 * <p>The task ends when the iterator is exhausted ({@link #whenDone()} fires with the iterator),
 * when it throws (they fail with that exception), when {@link #stop()} is called (they fail with
 * {@link TaskStopped}) or when its Cooperator stops ({@link SchedulerStopped}). Pausing or
 * stopping a finished task throws the {@link SchedulerError} that says how it ended ({@link TaskDone}, {@link TaskStopped},
 * {@link TaskFailed} or {@link SchedulerStopped}).
 *
 * @param <I> the type of the iterator
 */
public final class CooperativeTask<I extends Iterator<?>> {
    private final I iterator;
    private final Cooperator cooperator;
    private final List<Deferred<I>> whenDone = new ArrayList<>();
    private int pauseCount;
    private SchedulerError completion;
    private Failure completionFailure;

    CooperativeTask(I iterator, Cooperator cooperator) {
        this.iterator = iterator;
        this.cooperator = cooperator;
        cooperator.addTask(this);
    }

    /**
     * A new Deferred that fires with the iterator when the task is done, or fails as the task
     * ended; fired already when it has ended.
     */
    public Deferred<I> whenDone() {
        Deferred<I> done = new Deferred<>();
        if (completion == null) {
            whenDone.add(done);
        } else if (completionFailure == null) {
            done.callback(iterator);
        } else {
            done.errback(completionFailure);
        }
        return done;
    }

    /** Stops running steps until a matching {@link #resume()}; pauses nest. */
    public void pause() {
        checkNotFinished();
        pauseCount++;
        if (pauseCount == 1) {
            cooperator.removeTask(this);
        }
    }

    /** Undoes one {@link #pause()}. Throws {@link NotPaused} when the task is not paused. */
    public void resume() {
        if (pauseCount == 0) {
            throw new NotPaused();
        }
        pauseCount--;
        if (pauseCount == 0 && completion == null) {
            cooperator.addTask(this);
        }
    }

    /** Ends the task now: its {@link #whenDone()} Deferreds fail with {@link TaskStopped}. */
    public void stop() {
        checkNotFinished();
        TaskStopped stopped = new TaskStopped();
        completeWith(stopped, Failure.of(stopped));
    }

    /** Whether the task has ended, in any way. */
    public boolean isFinished() {
        return completion != null;
    }

    /** Whether the task is paused (by {@link #pause()} or waiting on a Deferred it yielded). */
    public boolean isPaused() {
        return pauseCount > 0;
    }

    private void checkNotFinished() {
        if (completion != null) {
            throw completion;
        }
    }

    /** Ends the task with {@code state}; {@code failure} null means success. */
    void completeWith(SchedulerError state, Failure failure) {
        completion = state;
        completionFailure = failure;
        if (pauseCount == 0) {
            cooperator.removeTask(this);
        }
        // Fired only now that the task is out of the Cooperator, so that their callbacks may
        // manipulate the Cooperator and its other tasks.
        List<Deferred<I>> waiting = new ArrayList<>(whenDone);
        whenDone.clear();
        for (Deferred<I> done : waiting) {
            if (failure == null) {
                done.callback(iterator);
            } else {
                done.errback(failure);
            }
        }
    }

    /** Runs one step: one {@code next()} of the iterator. */
    void oneWorkUnit() {
        Object step;
        try {
            if (!iterator.hasNext()) {
                completeWith(new TaskDone(), null);
                return;
            }
            step = iterator.next();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            completeWith(new TaskFailed(), Failure.of(e));
            return;
        }
        if (step instanceof Deferred) {
            pause();
            ((Deferred<?>) step).addCallbacks(value -> {
                resume();
                return value;
            }, failure -> {
                if (completion == null) {
                    completeWith(new TaskFailed(), failure);
                    return null;
                }
                throw failure.rethrow();
            });
        }
    }

    @Override
    public String toString() {
        String state = completion != null ? completion.getClass().getSimpleName()
                : pauseCount > 0 ? "paused" : "running";
        return "<CooperativeTask " + iterator + " " + state + ">";
    }
}
