package dev.torsion.time;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Shares one thread (the reactor's) fairly between long jobs, as Twisted's {@code task.Cooperator}.
 *
 * <p>A job is an iterator: each {@code next()} is a small step of work. On each tick the
 * Cooperator runs one step of each task in turn, round after round, until the time slice is used
 * up; then it schedules the next tick on its {@link Clock}, so that I/O and timed calls run between
 * ticks. Where a tick stops, the next one continues with the following task, so no task starves.
 *
 * <pre>{@code
 * Cooperator cooperator = new Cooperator(reactor);
 * cooperator.coiterate(rows.iterator()).addCallback(done -> report());
 * }</pre>
 */
public final class Cooperator {
    /** The default time slice per tick, as Twisted's (10 ms). */
    public static final Duration DEFAULT_TIME_SLICE = Duration.ofMillis(10);
    /**
     * The delay before the next tick: the smallest positive one, so that a tick never runs inside
     * the timed call that scheduled it (a test clock's {@code advance} would otherwise never end).
     */
    static final Duration TICK_DELAY = Duration.ofNanos(1);

    private final Clock clock;
    private final Supplier<BooleanSupplier> sliceEnds;
    private final List<CooperativeTask<?>> tasks = new ArrayList<>();
    /** The next task to run a step of. */
    private int cursor;
    private DelayedCall tick;
    private boolean started;
    private boolean stopped;
    private boolean mustScheduleOnStart;

    /** A started Cooperator on {@code clock} with the default time slice. */
    public Cooperator(Clock clock) {
        this(clock, DEFAULT_TIME_SLICE);
    }

    /** A started Cooperator on {@code clock} whose ticks last about {@code timeSlice} of real time. */
    public Cooperator(Clock clock, Duration timeSlice) {
        this(clock, realTimeSlice(timeSlice), true);
    }

    /**
     * A Cooperator on {@code clock}; {@code sliceEnds} makes, for each tick, a test that says when
     * the tick has run long enough (it is asked after every step). Not {@code started}, it keeps
     * its tasks until {@link #start()}.
     */
    public Cooperator(Clock clock, Supplier<BooleanSupplier> sliceEnds, boolean started) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sliceEnds = Objects.requireNonNull(sliceEnds, "sliceEnds");
        this.started = started;
    }

    private static Supplier<BooleanSupplier> realTimeSlice(Duration timeSlice) {
        long slice = timeSlice.toNanos();
        return () -> {
            long end = System.nanoTime() + slice;
            return () -> System.nanoTime() - end >= 0;
        };
    }

    /** Runs {@code iterator} to its end as a task; the Deferred fires with it then, or fails as the task does. */
    public <I extends Iterator<?>> Deferred<I> coiterate(I iterator) {
        return new CooperativeTask<>(iterator, this).whenDone();
    }

    /** Runs {@code iterator} as a task that can be paused, resumed and stopped. */
    public <I extends Iterator<?>> CooperativeTask<I> cooperate(I iterator) {
        return new CooperativeTask<>(iterator, this);
    }

    /** Starts (or restarts after {@link #stop()}) running tasks. */
    public void start() {
        stopped = false;
        started = true;
        if (mustScheduleOnStart) {
            mustScheduleOnStart = false;
            reschedule();
        }
    }

    /** Ends every task, which fail with {@link SchedulerStopped}; tasks added later fail at once. */
    public void stop() {
        stopped = true;
        List<CooperativeTask<?>> ending = new ArrayList<>(tasks);
        tasks.clear();
        cursor = 0;
        for (CooperativeTask<?> task : ending) {
            SchedulerStopped reason = new SchedulerStopped();
            task.completeWith(reason, Failure.of(reason));
        }
        cancelTick();
    }

    /** Whether the Cooperator has been started and not stopped. */
    public boolean isRunning() {
        return started && !stopped;
    }

    /** How many tasks are ready to run a step (neither paused nor finished). */
    public int activeTaskCount() {
        return tasks.size();
    }

    void addTask(CooperativeTask<?> task) {
        tasks.add(task);
        if (stopped) {
            SchedulerStopped reason = new SchedulerStopped();
            task.completeWith(reason, Failure.of(reason));
        } else {
            reschedule();
        }
    }

    void removeTask(CooperativeTask<?> task) {
        int index = tasks.indexOf(task);
        if (index < 0) {
            return;
        }
        tasks.remove(index);
        if (index < cursor) {
            cursor--;
        }
        if (tasks.isEmpty()) {
            cancelTick();
        }
    }

    private void cancelTick() {
        if (tick != null) {
            if (tick.active()) {
                tick.cancel();
            }
            tick = null;
        }
    }

    private void runTick() {
        tick = null;
        BooleanSupplier sliceOver = sliceEnds.get();
        while (!tasks.isEmpty()) {
            if (cursor >= tasks.size()) {
                cursor = 0;
            }
            CooperativeTask<?> task = tasks.get(cursor++);
            task.oneWorkUnit();
            if (sliceOver.getAsBoolean()) {
                break;
            }
        }
        reschedule();
    }

    private void reschedule() {
        if (!started) {
            mustScheduleOnStart = true;
            return;
        }
        if (tick == null && !tasks.isEmpty()) {
            tick = clock.callLater(TICK_DELAY, this::runTick);
        }
    }
}
