package dev.torsion.defer;

import static dev.torsion.testing.DeferredAssertions.assertNoResult;
import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link CompletionStage} to Deferred and back. */
class CompletionStageInteropTest {

    @Test
    void stageValueFiresTheDeferred() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        assertNoResult(d);
        future.complete("value");
        assertEquals("value", successResultOf(d));
    }

    @Test
    void stageFailureIsUnwrapped() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future.thenApply(s -> s));
        IOException boom = new IOException("remote");
        future.completeExceptionally(boom);
        assertSame(boom, failureResultOf(d, IOException.class).value());
    }

    @Test
    void cancelledStageBecomesCancelledError() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        future.cancel(false);
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void cancellingTheDeferredCancelsTheFuture() {
        CompletableFuture<String> future = new CompletableFuture<>();
        Deferred<String> d = Deferred.fromCompletionStage(future);
        d.cancel();
        assertTrue(future.isCancelled());
        failureResultOf(d, CancelledError.class);
    }

    @Test
    void resultFromAnotherThreadIsDeliveredThroughTheExecutor() throws InterruptedException {
        CompletableFuture<String> future = new CompletableFuture<>();
        List<Runnable> handedIn = new ArrayList<>();
        CountDownLatch queued = new CountDownLatch(1);
        Deferred<String> d = Deferred.fromCompletionStage(future, task -> {
            synchronized (handedIn) {
                handedIn.add(task);
            }
            queued.countDown();
        });
        Thread producer = new Thread(() -> future.complete("from afar"));
        producer.start();
        assertTrue(queued.await(10, TimeUnit.SECONDS));
        producer.join(10_000);
        assertNoResult(d); // not fired on the producer thread
        synchronized (handedIn) {
            handedIn.forEach(Runnable::run); // as the reactor thread would
        }
        assertEquals("from afar", successResultOf(d));
    }

    @Test
    void deferredValueCompletesTheFutureAndTheChainGoesOnWithNull() throws Exception {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        d.callback("v");
        assertEquals("v", future.get(1, TimeUnit.SECONDS));
        assertNull(successResultOf(d));
    }

    @Test
    void deferredFailureCompletesTheFutureExceptionallyAndIsHandled() {
        Deferred<String> d = new Deferred<>();
        CompletableFuture<String> future = d.toCompletableFuture();
        IOException boom = new IOException("x");
        d.errback(boom);
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(1, TimeUnit.SECONDS));
        assertSame(boom, thrown.getCause());
        assertNull(successResultOf(d));
    }

    @Test
    void cancellingTheFutureCancelsTheDeferred() {
        boolean[] cancelled = {false};
        Deferred<String> d = new Deferred<>(self -> cancelled[0] = true);
        CompletableFuture<String> future = d.toCompletableFuture();
        future.cancel(true);
        assertTrue(cancelled[0]);
        assertThrows(CancellationException.class, future::join);
    }

    @Test
    void roundTripKeepsValue() throws Exception {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletableFuture<Integer> back = Deferred.fromCompletionStage(source).addCallback(v -> v * 2)
                .toCompletableFuture();
        source.complete(21);
        assertEquals(42, back.get(1, TimeUnit.SECONDS));
    }
}
