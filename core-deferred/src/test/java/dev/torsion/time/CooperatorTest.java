package dev.torsion.time;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Cooperator} and {@link CooperativeTask}, as Twisted's CooperatorTests. */
class CooperatorTest {
    private final TestClock clock = new TestClock();
    private final List<String> steps = new ArrayList<>();

    /** A time slice that ends after {@code count} steps, so that ticks are deterministic. */
    private static Supplier<BooleanSupplier> stepsPerTick(int count) {
        return () -> {
            int[] done = {0};
            return () -> ++done[0] >= count;
        };
    }

    /** An iterator that records its steps as name + index. */
    private Iterator<Object> job(String name, int length) {
        return IntStream.range(0, length).mapToObj(i -> (Object) null).map(new Function<Object, Object>() {
            private int index;

            @Override
            public Object apply(Object ignored) {
                steps.add(name + index++);
                return null;
            }
        }).iterator();
    }

    private void tick() {
        clock.advance(Cooperator.TICK_DELAY);
    }

    @Test
    void coiterateRunsTheJobOnTheClockAndGivesTheIterator() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        Iterator<Object> job = job("a", 3);
        Deferred<Iterator<Object>> done = cooperator.coiterate(job);
        assertTrue(steps.isEmpty(), "nothing runs before the clock does");
        tick();
        assertEquals(List.of("a0", "a1", "a2"), steps);
        assertSame(job, successResultOf(done));
        assertTrue(clock.getDelayedCalls().isEmpty(), "no tick is scheduled without tasks");
    }

    @Test
    void ticksYieldToTheClockAfterTheirSlice() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(2), true);
        Deferred<Iterator<Object>> done = cooperator.coiterate(job("a", 5));
        tick();
        assertEquals(2, steps.size());
        assertEquals(1, clock.getDelayedCalls().size(), "the next tick is scheduled");
        tick();
        assertEquals(4, steps.size());
        tick();
        successResultOf(done);
    }

    @Test
    void tasksShareTicksRoundRobinAcrossTicks() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(3), true);
        cooperator.coiterate(job("a", 4));
        cooperator.coiterate(job("b", 4));
        tick();
        assertEquals(List.of("a0", "b0", "a1"), steps);
        tick();
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), steps, "the second tick starts with b");
        tick();
        tick();
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3"), steps);
    }

    @Test
    void realTimeSliceOfZeroRunsOneStepPerTick() {
        Cooperator cooperator = new Cooperator(clock, Duration.ZERO);
        cooperator.coiterate(job("a", 3));
        tick();
        assertEquals(List.of("a0"), steps);
        tick();
        assertEquals(List.of("a0", "a1"), steps);
    }

    @Test
    void realTimeSliceRunsManyStepsInOneTick() {
        Cooperator cooperator = new Cooperator(clock, Duration.ofSeconds(30));
        Deferred<Iterator<Object>> done = cooperator.coiterate(job("a", 1000));
        tick();
        successResultOf(done);
        assertEquals(1000, steps.size());
    }

    @Test
    void yieldedDeferredPausesOnlyItsTask() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        Deferred<String> io = new Deferred<>();
        Iterator<Object> waiting = List.<Object>of("w0", io, "w2").iterator();
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(waiting);
        Deferred<Iterator<Object>> other = cooperator.coiterate(job("b", 3));
        tick();
        assertTrue(task.isPaused());
        assertEquals(List.of("b0", "b1", "b2"), steps, "the other task ran on");
        successResultOf(other);
        assertTrue(clock.getDelayedCalls().isEmpty(), "a paused task needs no tick");
        io.callback("io done");
        assertFalse(task.isPaused());
        Deferred<Iterator<Object>> done = task.whenDone();
        tick();
        successResultOf(done);
        assertEquals("io done", successResultOf(io), "the yielded Deferred's value passes on");
    }

    @Test
    void yieldedDeferredThatFailsFailsTheTask() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        Deferred<String> io = new Deferred<>();
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(List.<Object>of(io, "never").iterator());
        Deferred<Iterator<Object>> done = task.whenDone();
        tick();
        io.errback(new IOException("io failed"));
        failureResultOf(done, IOException.class);
        assertTrue(task.isFinished());
        assertThrows(TaskFailed.class, task::pause);
    }

    @Test
    void iteratorThatThrowsFailsTheTask() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        Iterator<Object> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                throw new IllegalStateException("broken step");
            }
        };
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(broken);
        Deferred<Iterator<Object>> done = task.whenDone();
        tick();
        assertEquals("broken step", failureResultOf(done, IllegalStateException.class).getErrorMessage());
        assertThrows(TaskFailed.class, task::stop);
        failureResultOf(task.whenDone(), IllegalStateException.class);
    }

    @Test
    void pauseAndResumeNest() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(job("a", 2));
        task.pause();
        task.pause();
        tick();
        assertTrue(steps.isEmpty());
        task.resume();
        tick();
        assertTrue(steps.isEmpty());
        task.resume();
        tick();
        assertEquals(List.of("a0", "a1"), steps);
        successResultOf(task.whenDone());
        assertThrows(TaskDone.class, task::pause);
        assertThrows(NotPaused.class, task::resume);
    }

    @Test
    void stopEndsTheTaskWithTaskStopped() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(1), true);
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(job("a", 5));
        Deferred<Iterator<Object>> done = task.whenDone();
        tick();
        task.stop();
        failureResultOf(done, TaskStopped.class);
        tick();
        assertEquals(List.of("a0"), steps);
        assertThrows(TaskStopped.class, task::stop);
        assertEquals(0, cooperator.activeTaskCount());
    }

    @Test
    void stoppingAPausedTaskEndsIt() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(1), true);
        CooperativeTask<Iterator<Object>> task = cooperator.cooperate(job("a", 5));
        task.pause();
        task.stop();
        failureResultOf(task.whenDone(), TaskStopped.class);
        task.resume(); // the pause may still be undone; the task stays finished
        tick();
        assertTrue(steps.isEmpty());
    }

    @Test
    void stoppingTheCooperatorFailsEveryTaskAndLaterOnes() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(1), true);
        Deferred<Iterator<Object>> a = cooperator.coiterate(job("a", 5));
        Deferred<Iterator<Object>> b = cooperator.coiterate(job("b", 5));
        tick();
        cooperator.stop();
        assertFalse(cooperator.isRunning());
        failureResultOf(a, SchedulerStopped.class);
        failureResultOf(b, SchedulerStopped.class);
        assertTrue(clock.getDelayedCalls().isEmpty());
        failureResultOf(cooperator.coiterate(job("c", 1)), SchedulerStopped.class);
        cooperator.start();
        Deferred<Iterator<Object>> d = cooperator.coiterate(job("d", 1));
        tick(); // d0
        tick(); // the step that finds the iterator exhausted
        successResultOf(d);
    }

    @Test
    void unstartedCooperatorKeepsTasksUntilStarted() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), false);
        Deferred<Iterator<Object>> done = cooperator.coiterate(job("a", 1));
        assertFalse(cooperator.isRunning());
        tick();
        assertNoResult(done);
        cooperator.start();
        tick();
        successResultOf(done);
    }

    @Test
    void whenDoneCallbackMayStopTheCooperator() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(100), true);
        Deferred<Iterator<Object>> other = cooperator.coiterate(job("long", 1000));
        cooperator.coiterate(job("short", 1)).addCallback(it -> {
            cooperator.stop();
            return it;
        });
        tick();
        failureResultOf(other, SchedulerStopped.class);
        // short0, then the step that finds short exhausted ends it, after one more step of long.
        assertEquals(List.of("long0", "short0", "long1"), steps);
    }

    @Test
    void manyTasksEachGetTheirTurn() {
        Cooperator cooperator = new Cooperator(clock, stepsPerTick(10), true);
        List<Deferred<Iterator<Object>>> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(cooperator.coiterate(job("t" + i + "-", 3)));
        }
        tick();
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "t" + i + "-0").collect(Collectors.toList()), steps);
        tick();
        tick();
        tick();
        done.forEach(d -> successResultOf(d));
    }
}
