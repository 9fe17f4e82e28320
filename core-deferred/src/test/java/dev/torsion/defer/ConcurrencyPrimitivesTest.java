package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DeferredLock} and {@link DeferredSemaphore}, as Twisted's LockTests and SemaphoreTests. */
class ConcurrencyPrimitivesTest {

    @Test
    void lockIsHandedToWaitersInOrder() {
        DeferredLock lock = new DeferredLock();
        assertSame(lock, successResultOf(lock.acquire()));
        assertTrue(lock.isLocked());
        Deferred<DeferredLock> second = lock.acquire();
        Deferred<DeferredLock> third = lock.acquire();
        assertNoResult(second);
        assertEquals(2, lock.waitingCount());
        lock.release();
        assertSame(lock, successResultOf(second));
        assertNoResult(third);
        lock.release();
        successResultOf(third);
        lock.release();
        assertFalse(lock.isLocked());
        assertThrows(IllegalStateException.class, lock::release);
    }

    @Test
    void cancellingAWaiterTakesItOutOfLine() {
        DeferredLock lock = new DeferredLock();
        lock.acquire();
        Deferred<DeferredLock> cancelled = lock.acquire();
        Deferred<DeferredLock> next = lock.acquire();
        cancelled.cancel();
        failureResultOf(cancelled, CancelledError.class);
        assertEquals(1, lock.waitingCount());
        lock.release();
        successResultOf(next);
        assertTrue(lock.isLocked());
    }

    @Test
    void runHoldsTheLockAroundSynchronousWorkAndReleasesOnFailure() {
        DeferredLock lock = new DeferredLock();
        boolean[] heldDuring = {false};
        Deferred<String> ok = lock.run(() -> {
            heldDuring[0] = lock.isLocked();
            return "done";
        });
        assertTrue(heldDuring[0]);
        assertEquals("done", successResultOf(ok));
        assertFalse(lock.isLocked());
        Deferred<String> bad = lock.run(() -> {
            throw new IOException("work failed");
        });
        failureResultOf(bad, IOException.class);
        assertFalse(lock.isLocked());
    }

    @Test
    void runDeferredReleasesOnlyWhenTheWorkFires() {
        DeferredLock lock = new DeferredLock();
        Deferred<String> work = new Deferred<>();
        Deferred<String> first = lock.runDeferred(() -> work);
        List<String> order = new ArrayList<>();
        Deferred<String> second = lock.run(() -> {
            order.add("second ran");
            return "second";
        });
        assertTrue(order.isEmpty());
        assertTrue(lock.isLocked());
        work.callback("first");
        assertEquals("first", successResultOf(first));
        assertEquals(List.of("second ran"), order);
        assertEquals("second", successResultOf(second));
        assertFalse(lock.isLocked());
    }

    @Test
    void cancellingRunWhileWaitingForTheLockNeverRunsTheWork() {
        DeferredLock lock = new DeferredLock();
        lock.acquire();
        boolean[] ran = {false};
        Deferred<String> queued = lock.run(() -> {
            ran[0] = true;
            return "x";
        });
        queued.cancel();
        failureResultOf(queued, CancelledError.class);
        lock.release();
        assertFalse(ran[0]);
        assertFalse(lock.isLocked());
    }

    @Test
    void cancellingRunWhileTheWorkRunsCancelsTheWorkAndReleases() {
        DeferredLock lock = new DeferredLock();
        boolean[] workCancelled = {false};
        Deferred<String> running = lock.runDeferred(() -> new Deferred<String>(self -> workCancelled[0] = true));
        running.cancel();
        assertTrue(workCancelled[0]);
        failureResultOf(running, CancelledError.class);
        assertFalse(lock.isLocked());
    }

    @Test
    void semaphoreLetsTokensHoldersInAndQueuesTheRest() {
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        successResultOf(semaphore.acquire());
        successResultOf(semaphore.acquire());
        assertEquals(0, semaphore.tokens());
        Deferred<DeferredSemaphore> third = semaphore.acquire();
        assertNoResult(third);
        semaphore.release();
        assertSame(semaphore, successResultOf(third));
        assertEquals(0, semaphore.tokens());
        semaphore.release();
        semaphore.release();
        assertEquals(2, semaphore.tokens());
        assertThrows(IllegalStateException.class, semaphore::release);
        assertEquals(2, semaphore.limit());
    }

    @Test
    void semaphoreBoundsConcurrentWork() {
        DeferredSemaphore semaphore = new DeferredSemaphore(2);
        List<Deferred<Integer>> jobs = new ArrayList<>();
        List<Deferred<Integer>> results = new ArrayList<>();
        int[] running = {0};
        int[] peak = {0};
        for (int i = 0; i < 5; i++) {
            Deferred<Integer> job = new Deferred<>();
            jobs.add(job);
            results.add(semaphore.runDeferred(() -> {
                running[0]++;
                peak[0] = Math.max(peak[0], running[0]);
                return job.addFinally(() -> running[0]--);
            }));
        }
        assertEquals(2, running[0]);
        for (int i = 0; i < 5; i++) {
            jobs.get(i).callback(i);
        }
        assertEquals(2, peak[0]);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, successResultOf(results.get(i)));
        }
        assertEquals(2, semaphore.tokens());
    }

    @Test
    void semaphoreWaiterCanBeCancelled() {
        DeferredSemaphore semaphore = new DeferredSemaphore(1);
        semaphore.acquire();
        Deferred<DeferredSemaphore> waiter = semaphore.acquire();
        waiter.cancel();
        failureResultOf(waiter, CancelledError.class);
        semaphore.release();
        assertEquals(1, semaphore.tokens());
    }

    @Test
    void semaphoreNeedsAToken() {
        assertThrows(IllegalArgumentException.class, () -> new DeferredSemaphore(0));
    }
}
