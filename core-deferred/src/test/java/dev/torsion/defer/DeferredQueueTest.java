package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link DeferredQueue}, as Twisted's QueueTests. */
class DeferredQueueTest {

    @Test
    void objectsPutBeforeAreGotAtOnceInOrder() {
        DeferredQueue<String> queue = new DeferredQueue<>();
        queue.put("a");
        queue.put("b");
        assertEquals(2, queue.pendingCount());
        assertEquals("a", successResultOf(queue.get()));
        assertEquals("b", successResultOf(queue.get()));
        assertEquals(0, queue.pendingCount());
    }

    @Test
    void gettersWaitAndAreServedInOrder() {
        DeferredQueue<Integer> queue = new DeferredQueue<>();
        Deferred<Integer> first = queue.get();
        Deferred<Integer> second = queue.get();
        assertNoResult(first);
        assertEquals(2, queue.waitingCount());
        queue.put(1);
        queue.put(2);
        assertEquals(1, successResultOf(first));
        assertEquals(2, successResultOf(second));
        assertEquals(0, queue.pendingCount());
    }

    @Test
    void putBeyondSizeOverflows() {
        DeferredQueue<String> queue = new DeferredQueue<>(2, DeferredQueue.UNBOUNDED);
        queue.put("a");
        queue.put("b");
        assertThrows(QueueOverflow.class, () -> queue.put("c"));
        queue.get();
        queue.put("c");
    }

    @Test
    void sizeZeroAcceptsOnlyWhenAGetterWaits() {
        DeferredQueue<String> queue = new DeferredQueue<>(0, 1);
        assertThrows(QueueOverflow.class, () -> queue.put("nobody waits"));
        Deferred<String> getter = queue.get();
        queue.put("handed over");
        assertEquals("handed over", successResultOf(getter));
    }

    @Test
    void getBeyondBacklogUnderflows() {
        DeferredQueue<String> queue = new DeferredQueue<>(DeferredQueue.UNBOUNDED, 1);
        queue.get();
        assertThrows(QueueUnderflow.class, queue::get);
        queue.put("x");
        queue.get();
    }

    @Test
    void cancelledGetterLeavesTheLineAndFreesBacklog() {
        DeferredQueue<String> queue = new DeferredQueue<>(DeferredQueue.UNBOUNDED, 1);
        Deferred<String> cancelled = queue.get();
        cancelled.cancel();
        failureResultOf(cancelled, CancelledError.class);
        assertEquals(0, queue.waitingCount());
        Deferred<String> next = queue.get();
        queue.put("for the next");
        assertEquals("for the next", successResultOf(next));
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DeferredQueue<String>(-1, 0));
    }
}
