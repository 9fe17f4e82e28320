package dev.torsion.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeferredChainTest {

    @Test
    void callbacksReplaceTheValueInOrder() {
        Deferred<Integer> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addCallback(v -> v + 1).addCallback(v -> "n=" + v).addCallback(seen::add);
        d.callback(41);
        assertEquals(List.of("n=42"), seen);
    }

    @Test
    void firingTwiceIsAnError() {
        Deferred<String> d = new Deferred<>();
        d.callback("a");
        assertThrows(AlreadyCalledError.class, () -> d.callback("b"));
    }

    @Test
    void errbackRecoversAndTrapPassesOtherTypesOn() {
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addErrback(f -> {
            f.trap(IllegalStateException.class);
            return "recovered";
        }).addCallbacks(seen::add, f -> seen.add(f.type()));
        d.errback(new IllegalArgumentException("boom"));
        assertEquals(List.of(IllegalArgumentException.class), seen);
    }

    @Test
    void callbackReturningAnUnfiredDeferredPausesTheChain() {
        Deferred<Integer> outer = new Deferred<>();
        Deferred<String> inner = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        outer.addCallbackDeferred(v -> inner).addCallback(seen::add);
        outer.callback(1);
        assertTrue(seen.isEmpty());
        assertTrue(outer.isPaused());
        inner.callback("later");
        assertEquals(List.of("later"), seen);
        assertTrue(!outer.isPaused());
    }

    @Test
    void cancellingAnOuterDeferredCancelsTheInnerOneItWaitsOn() {
        Deferred<Integer> outer = new Deferred<>();
        boolean[] innerCancelled = {false};
        Deferred<String> inner = new Deferred<>(d -> innerCancelled[0] = true);
        List<Object> seen = new ArrayList<>();
        outer.addCallbackDeferred(v -> inner).addErrback(f -> {
            seen.add(f.type());
            return null;
        });
        outer.callback(1);
        outer.cancel();
        assertTrue(innerCancelled[0]);
        assertEquals(List.of(CancelledError.class), seen);
    }

    @Test
    void timeoutFailsWithTimeoutError() {
        TestClock clock = new TestClock();
        Deferred<String> d = new Deferred<>();
        List<Object> seen = new ArrayList<>();
        d.addTimeout(Duration.ofSeconds(5), clock).addErrback(f -> {
            seen.add(f.type());
            return null;
        });
        clock.advance(Duration.ofSeconds(4));
        assertTrue(seen.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(TimeoutError.class), seen);
        d.callback("too late"); // the producer's late firing is swallowed after cancellation
    }

    @Test
    void deepChainsOfDeferredsDoNotOverflowTheStack() {
        int depth = 100_000;
        List<Deferred<Integer>> ds = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            ds.add(new Deferred<>());
        }
        for (int i = 0; i < depth - 1; i++) {
            Deferred<Integer> next = ds.get(i + 1);
            ds.get(i).addCallbackDeferred(v -> next);
        }
        for (int i = 0; i < depth - 1; i++) {
            ds.get(i).callback(i);
        }
        Object[] last = {null};
        ds.get(0).addCallback(v -> last[0] = v);
        assertNull(last[0]);
        ds.get(depth - 1).callback(-1);
        assertEquals(-1, last[0]);
    }

    @Test
    void manyCallbacksOnOneDeferredDoNotOverflowTheStack() {
        Deferred<Integer> d = new Deferred<>();
        Deferred<Integer> view = d;
        for (int i = 0; i < 100_000; i++) {
            view = view.addCallback(v -> v + 1);
        }
        int[] out = {0};
        view.addCallback(v -> out[0] = v);
        d.callback(0);
        assertEquals(100_000, out[0]);
    }

    @Test
    void deepChainWhoseInnermostFiredFirstIsTakenWithoutWaiting() {
        int depth = 100_000;
        Deferred<Integer> next = Deferred.succeed(-1);
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> inner = next;
            next = Deferred.succeed(i).addCallbackDeferred(v -> inner);
        }
        Object[] last = {null};
        next.addCallback(v -> last[0] = v);
        assertEquals(-1, last[0]);
    }

    @Test
    void failureAtTheBottomOfADeepWaitingChainReachesTheTop() {
        int depth = 100_000;
        Deferred<Integer> bottom = new Deferred<>();
        Deferred<Integer> top = bottom;
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> inner = top;
            top = Deferred.succeed(i).addCallbackDeferred(v -> inner);
        }
        Object[] seen = {null};
        top.addErrback(f -> {
            seen[0] = f.getErrorMessage();
            return 0;
        });
        assertTrue(top.toString().contains("waiting on"), "toString does not walk the chain");
        bottom.errback(new IllegalStateException("deep"));
        assertEquals("deep", seen[0]);
    }

    @Test
    void cancellingTheTopOfADeepWaitingChainCancelsTheBottom() {
        int depth = 100_000;
        boolean[] cancelled = {false};
        Deferred<Integer> bottom = new Deferred<>(d -> cancelled[0] = true);
        Deferred<Integer> top = bottom;
        for (int i = 0; i < depth; i++) {
            Deferred<Integer> inner = top;
            top = Deferred.succeed(i).addCallbackDeferred(v -> inner);
        }
        Object[] seen = {null};
        top.addErrback(f -> {
            seen[0] = f.type();
            return 0;
        });
        top.cancel();
        assertTrue(cancelled[0]);
        assertEquals(CancelledError.class, seen[0]);
    }

    @Test
    void manyErrbacksPassingAFailureOnDoNotOverflowTheStack() {
        Deferred<Integer> d = new Deferred<>();
        for (int i = 0; i < 100_000; i++) {
            d.addErrback(f -> {
                throw f.rethrow();
            });
        }
        int[] handled = {0};
        d.addErrback(f -> ++handled[0]);
        d.errback(new IllegalStateException());
        assertEquals(1, handled[0]);
    }
}
