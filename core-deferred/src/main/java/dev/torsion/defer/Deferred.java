package dev.torsion.defer;

import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result that is not there yet, with a chain of callbacks and errbacks, as Twisted's
 * {@code Deferred}.
 *
 * <p>Whoever produces the result fires the Deferred once, with {@link #callback} or
 * {@link #errback}. Whoever consumes it adds callbacks (run on success) and errbacks (run on
 * failure); each one's return value replaces the chain's current result, a callback that throws
 * turns the chain to failure, and an errback that returns a value recovers it. Callbacks added after
 * the Deferred fired run at once. A callback that returns another Deferred pauses this chain until
 * that one fires, then the chain goes on with its result or its failure.
 *
 * <h2>Typing: one chain, re-typed at each step</h2>
 * Twisted's chain holds a value whose type changes from callback to callback. Here
 * {@link #addCallback} returns {@code this} same Deferred, viewed with the type of the new result,
 * so that a Java user chains the common cases without casts:
 *
 * <pre>{@code
 * Deferred<String> body = fetch(url);                       // Deferred<byte[]> inside
 * Deferred<Integer> words = body
 *     .addCallback(text -> text.split("\\s+"))               // value to value
 *     .addCallbackDeferred(parts -> countLater(parts))       // value to Deferred
 *     .addErrback(f -> { f.trap(IOException.class); return 0; });
 * }</pre>
 *
 * We chose this over a new Deferred per step (as {@code CompletableFuture} does) because Twisted's
 * semantics depend on the chain being one object: pausing, cancelling and the unhandled-error
 * report all belong to the chain, and a step costs no allocation beyond its callback. The price is
 * that a reference held to an earlier view must not be used to add callbacks that expect the old
 * type; keep the last returned view, as the example does.
 *
 * <h2>Threads</h2>
 * A Deferred is not thread-safe: fire it and add callbacks on one thread, normally the reactor's.
 * {@link #fromCompletionStage(CompletionStage, Executor)} brings a result from another thread.
 *
 * <h2>Unhandled failures</h2>
 * A Deferred that is garbage collected while its chain ends in a failure that nobody handled logs
 * {@code Unhandled error in Deferred} with that failure. With {@link #setDebugging(boolean)} on,
 * the log also says where the Deferred was created and where it was first fired.
 *
 * <p>Chains of any length, and Deferreds waiting on Deferreds to any depth, run (and cancel)
 * without recursion and so without {@code StackOverflowError}.
 *
 * <h2>Companions</h2>
 * {@link DeferredList} and {@link Deferreds} ({@code gatherResults}, {@code race}) combine
 * Deferreds; {@link DeferredLock}, {@link DeferredSemaphore} and {@link DeferredQueue} coordinate
 * work without blocking; {@code dev.torsion.time} has {@code deferLater}, {@code LoopingCall} and
 * {@code Cooperator}; {@code dev.torsion.testing.DeferredAssertions} checks Deferreds in tests.
 *
 * @param <T> the type of the chain's current result
 */
public class Deferred<T> {
    private static final Logger log = LoggerFactory.getLogger(Deferred.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile boolean debugging;

    /** A callback: gets the current value, returns the next (or a Deferred of it). */
    @FunctionalInterface
    public interface Callback<A, R> {
        /** Computes the chain's next result from its current value. */
        R call(A value) throws Exception;
    }

    /** An errback: gets the failure, returns a value to recover, or throws to pass a failure on. */
    @FunctionalInterface
    public interface Errback<R> {
        /** Handles the failure; see {@link Failure#trap} to pass other failures on. */
        R call(Failure failure) throws Exception;
    }

    /** A function of either outcome: exactly one of value or failure is meaningful. */
    @FunctionalInterface
    public interface BothCallback<A, R> {
        /** Called with {@code (value, null)} on success and {@code (null, failure)} on failure. */
        R call(A value, Failure failure) throws Exception;
    }

    /** Called by {@link #cancel()} on a Deferred that has not fired, to stop the work behind it. */
    @FunctionalInterface
    public interface Canceller<T> {
        /** Stops the work; may fire {@code deferred} itself (else it fails with {@link CancelledError}). */
        void cancel(Deferred<T> deferred);
    }

    /** One step of the chain: a callback and an errback, or a continuation of a waiting Deferred. */
    private static final class Link {
        final Callback<Object, Object> callback;
        final Errback<Object> errback;
        final Deferred<Object> waiting;
        /** The next link of the chain: links form their own queue, saving a collection per Deferred. */
        Link next;

        Link(Callback<Object, Object> callback, Errback<Object> errback, Deferred<Object> waiting) {
            this.callback = callback;
            this.errback = errback;
            this.waiting = waiting;
        }
    }

    /** The links still to run, oldest first (head) to newest (tail). */
    private Link head;
    private Link tail;
    private final Canceller<T> canceller;
    private Object result;
    private boolean failed;
    private boolean called;
    private int paused;
    private boolean runningCallbacks;
    private boolean suppressAlreadyCalled;
    private Deferred<?> chainedTo;
    /** Set by {@link #runLinks()} when it handed this Deferred's result to a waiting one. */
    private Deferred<Object> handedTo;
    private UnhandledFailureReport report;
    private final Throwable creationSite;
    private Throwable firstInvocationSite;

    /** Creates a Deferred that fails with {@link CancelledError} when cancelled. */
    public Deferred() {
        this(null);
    }

    /** Creates a Deferred whose {@link #cancel()} first calls {@code canceller}. */
    public Deferred(Canceller<T> canceller) {
        this.canceller = canceller;
        this.creationSite = debugging ? new Throwable("Deferred was created") : null;
    }

    /**
     * Turns on or off, for Deferreds created from now on, the recording of where each was created
     * and first fired. Costly; for finding the source of an unhandled failure.
     */
    public static void setDebugging(boolean on) {
        debugging = on;
    }

    /** Whether Deferreds created now record their creation and first firing. */
    public static boolean isDebugging() {
        return debugging;
    }

    // ---------------------------------------------------------------- factories

    /** A Deferred that has already succeeded with {@code value}. */
    public static <T> Deferred<T> succeed(T value) {
        Deferred<T> d = new Deferred<>();
        d.callback(value);
        return d;
    }

    /** A Deferred that has already failed with {@code error}. */
    public static <T> Deferred<T> fail(Throwable error) {
        Deferred<T> d = new Deferred<>();
        d.errback(error);
        return d;
    }

    /** A Deferred that has already failed with {@code failure}. */
    public static <T> Deferred<T> fail(Failure failure) {
        Deferred<T> d = new Deferred<>();
        d.errback(failure);
        return d;
    }

    /**
     * Calls {@code function} and gives its outcome as a Deferred: its value, or its exception as a
     * failure. As Twisted's {@code maybeDeferred}, a Deferred or a {@link Failure} that an untyped
     * function ({@code Callable<?>}) returns is followed; a function typed to return a Deferred
     * belongs to {@link #maybeDeferredDeferred}.
     */
    public static <T> Deferred<T> maybeDeferred(Callable<? extends T> function) {
        return follow(function);
    }

    /**
     * Calls {@code function}, which returns a Deferred, and gives that Deferred's outcome; an
     * exception the function throws (before it could return a Deferred) becomes a failure.
     */
    public static <T> Deferred<T> maybeDeferredDeferred(Callable<? extends Deferred<? extends T>> function) {
        return follow(function);
    }

    @SuppressWarnings("unchecked")
    private static <T> Deferred<T> follow(Callable<?> function) {
        Object value;
        try {
            value = function.call();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return fail(t);
        }
        if (value instanceof Deferred) {
            return (Deferred<T>) value;
        }
        if (value instanceof Failure) {
            return fail((Failure) value);
        }
        return succeed((T) value);
    }

    /**
     * A Deferred that fires with the stage's outcome on whatever thread completes the stage.
     * Cancelling the Deferred cancels the stage when it is a {@link CompletableFuture}.
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<T> stage) {
        return fromCompletionStage(stage, Runnable::run);
    }

    /**
     * A Deferred that fires with the stage's outcome through {@code executor}: pass the reactor's
     * {@code callFromThread} to have it fire on the reactor thread.
     */
    public static <T> Deferred<T> fromCompletionStage(CompletionStage<T> stage, Executor executor) {
        Deferred<T> d = new Deferred<>(self -> {
            if (stage instanceof CompletableFuture) {
                ((CompletableFuture<T>) stage).cancel(false);
            }
        });
        stage.whenComplete((value, error) -> executor.execute(() -> {
            if (d.called) {
                return; // cancelled meanwhile; the Deferred already failed
            }
            if (error != null) {
                d.errback(unwrapCompletion(error));
            } else {
                d.callback(value);
            }
        }));
        return d;
    }

    private static Throwable unwrapCompletion(Throwable error) {
        if ((error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null) {
            return error.getCause();
        }
        if (error instanceof CancellationException) {
            return new CancelledError(error.getMessage() == null ? "cancelled" : error.getMessage());
        }
        return error;
    }

    /**
     * Gives this Deferred's outcome to a new {@link CompletableFuture}. As with Twisted's
     * {@code asFuture}, the future takes the result: this chain goes on with {@code null}, and a
     * failure counts as handled. Cancelling the future cancels this Deferred.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                Deferred.this.cancel();
                return cancelled;
            }
        };
        addCallbacks(value -> {
            future.complete(value);
            return null;
        }, failure -> {
            future.completeExceptionally(failure.value());
            return null;
        });
        return future;
    }

    // ---------------------------------------------------------------- firing

    /** Fires the chain with a success value. Throws {@link AlreadyCalledError} when fired before. */
    public void callback(T value) {
        if (value instanceof Deferred) {
            throw new IllegalArgumentException("a Deferred's result cannot be another Deferred");
        }
        start(value, false);
    }

    /** Fires the chain with a failure. Throws {@link AlreadyCalledError} when fired before. */
    public void errback(Throwable error) {
        errback(Failure.of(error));
    }

    /** Fires the chain with a failure. Throws {@link AlreadyCalledError} when fired before. */
    public void errback(Failure failure) {
        start(Objects.requireNonNull(failure, "failure"), true);
    }

    private void start(Object value, boolean isFailure) {
        if (called) {
            if (suppressAlreadyCalled) {
                suppressAlreadyCalled = false;
                return;
            }
            throw new AlreadyCalledError(alreadyCalledMessage());
        }
        if (creationSite != null) {
            firstInvocationSite = new Throwable("Deferred was first fired");
        }
        called = true;
        result = value;
        failed = isFailure;
        runCallbacks();
    }

    private String alreadyCalledMessage() {
        if (firstInvocationSite == null) {
            return "Deferred has already been called (turn on Deferred.setDebugging to see where)";
        }
        return "Deferred has already been called; first fired at:\n" + stackOf(firstInvocationSite);
    }

    /** Whether the Deferred has been fired (its chain may still be paused). */
    public boolean isCalled() {
        return called;
    }

    // ---------------------------------------------------------------- chaining

    /** Adds a callback whose value becomes the chain's result; failures pass it by. */
    public <R> Deferred<R> addCallback(Callback<? super T, ? extends R> callback) {
        return link(callback, Deferred::passFailure);
    }

    /** Adds a callback that returns a Deferred: the chain waits for it and goes on with its outcome. */
    public <R> Deferred<R> addCallbackDeferred(Callback<? super T, ? extends Deferred<? extends R>> callback) {
        return link(callback, Deferred::passFailure);
    }

    /** Adds an errback: its value recovers the chain; throwing (or {@link Failure#trap}) passes a failure on. */
    public Deferred<T> addErrback(Errback<? extends T> errback) {
        return link(Deferred::passValue, errback);
    }

    /** Adds an errback that returns a Deferred: the chain waits for it and goes on with its outcome. */
    public Deferred<T> addErrbackDeferred(Errback<? extends Deferred<? extends T>> errback) {
        return link(Deferred::passValue, errback);
    }

    /**
     * Adds a callback and an errback at the same step: only one of them runs, and what it returns
     * (or throws) is the chain's next result, so both give the same type {@code R}.
     */
    public <R> Deferred<R> addCallbacks(Callback<? super T, ? extends R> callback, Errback<? extends R> errback) {
        return link(callback, errback);
    }

    /**
     * As {@link #addCallbacks}, for a callback and an errback that return Deferreds: the chain waits
     * for the one returned and goes on with its outcome.
     */
    public <R> Deferred<R> addCallbacksDeferred(Callback<? super T, ? extends Deferred<? extends R>> callback,
            Errback<? extends Deferred<? extends R>> errback) {
        return link(callback, errback);
    }

    /** Adds one function for both outcomes, called with {@code (value, null)} or {@code (null, failure)}. */
    public <R> Deferred<R> addBoth(BothCallback<? super T, ? extends R> both) {
        Objects.requireNonNull(both, "both");
        return link(value -> both.call(value, null), failure -> both.call(null, failure));
    }

    /** As {@link #addBoth}, for a function that returns a Deferred: the chain waits for it. */
    public <R> Deferred<R> addBothDeferred(BothCallback<? super T, ? extends Deferred<? extends R>> both) {
        Objects.requireNonNull(both, "both");
        return link(value -> both.call(value, null), failure -> both.call(null, failure));
    }

    /**
     * Appends one step. The public methods above bind the types; here a step's callbacks return
     * values or Deferreds alike, which the engine tells apart at run time, as Twisted's does.
     */
    @SuppressWarnings("unchecked")
    private <R> Deferred<R> link(Callback<? super T, ?> callback, Errback<?> errback) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(errback, "errback");
        append(new Link((Callback<Object, Object>) callback, (Errback<Object>) errback, null));
        if (called) {
            runCallbacks();
        }
        return (Deferred<R>) this;
    }

    /**
     * Runs {@code action} whatever the outcome and passes the outcome on unchanged: Twisted's
     * {@code addBoth(lambda r: (cleanup(), r)[1])}. When the action throws, that becomes the failure.
     */
    public Deferred<T> addFinally(Runnable action) {
        Objects.requireNonNull(action, "action");
        return addCallbacks(value -> {
            action.run();
            return value;
        }, failure -> {
            action.run();
            throw failure.rethrow();
        });
    }

    /** Fires {@code other} with this chain's outcome; this chain goes on with {@code null}. */
    public Deferred<T> chainDeferred(Deferred<? super T> other) {
        return addCallbacks(value -> {
            other.callback(value);
            return null;
        }, failure -> {
            other.errback(failure);
            return null;
        });
    }

    private static Object passFailure(Failure failure) {
        throw failure.rethrow();
    }

    private static Object passValue(Object value) {
        return value;
    }

    // ---------------------------------------------------------------- pausing, cancelling, timeouts

    /** Stops running callbacks until a matching {@link #unpause()}; pauses nest. */
    public void pause() {
        paused++;
    }

    /** Undoes one {@link #pause()}; the chain resumes when none is left. */
    public void unpause() {
        if (paused == 0) {
            throw new IllegalStateException("Deferred is not paused");
        }
        paused--;
        if (paused == 0 && called) {
            runCallbacks();
        }
    }

    /** Whether the chain is paused, by {@link #pause()} or while waiting on another Deferred. */
    public boolean isPaused() {
        return paused > 0;
    }

    /**
     * Cancels the work behind this Deferred. Not fired yet: calls the canceller, and fails with
     * {@link CancelledError} unless the canceller fired it (a later firing by the producer is then
     * ignored). Waiting on another Deferred: cancels that one. Fired: does nothing.
     */
    public void cancel() {
        if (!called) {
            if (canceller != null) {
                canceller.cancel(this);
            } else {
                suppressAlreadyCalled = true;
            }
            if (!called) {
                errback(new CancelledError());
            }
        } else if (chainedTo != null) {
            // Cancel the innermost Deferred of the waiting chain, found by a loop rather than by
            // recursion so that chains of any depth can be cancelled.
            Deferred<?> innermost = chainedTo;
            while (innermost.called && innermost.chainedTo != null) {
                innermost = innermost.chainedTo;
            }
            innermost.cancel();
        }
    }

    /**
     * Translates the cancellation made by {@link #addTimeout(Duration, Clock, OnTimeoutCancel)}
     * when the time ran out: Twisted's {@code onTimeoutCancel}.
     */
    @FunctionalInterface
    public interface OnTimeoutCancel<R> {
        /**
         * Gives the chain's result in place of the timeout's cancellation, or throws the failure to
         * pass on (a {@link TimeoutError}, say, or one of the caller's own).
         *
         * @param cancellation the {@link CancelledError} failure the timeout's cancel produced
         * @param timeout the timeout that ran out
         */
        R call(Failure cancellation, Duration timeout) throws Exception;
    }

    /**
     * Cancels this Deferred when it has not fired within {@code timeout} on {@code clock}, and turns
     * that cancellation into a {@link TimeoutError}. Returns this Deferred.
     */
    public Deferred<T> addTimeout(Duration timeout, Clock clock) {
        return addTimeout(timeout, clock, (cancellation, after) -> {
            throw new TimeoutError(after);
        });
    }

    /**
     * Cancels this Deferred when it has not fired within {@code timeout} on {@code clock}, and hands
     * the {@link CancelledError} of that cancellation, and only that one, to {@code onTimeoutCancel},
     * whose value or failure the chain goes on with. A {@link #cancel()} of the caller's own, before
     * the time runs out, stays a {@link CancelledError}; an outcome the canceller gave in place of
     * the cancellation passes unchanged. Returns this Deferred.
     */
    public Deferred<T> addTimeout(Duration timeout, Clock clock, OnTimeoutCancel<? extends T> onTimeoutCancel) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onTimeoutCancel, "onTimeoutCancel");
        TimeoutCancel timing = new TimeoutCancel();
        DelayedCall timer = clock.callLater(timeout, () -> {
            timing.ranOut = true;
            cancel();
        });
        return addCallbacks(value -> {
            if (timer.active()) {
                timer.cancel();
            }
            return value;
        }, failure -> {
            if (timer.active()) {
                timer.cancel();
            }
            if (timing.ranOut && failure.check(CancelledError.class) != null) {
                return onTimeoutCancel.call(failure, timeout);
            }
            throw failure.rethrow();
        });
    }

    /** Whether the timer of one {@link #addTimeout} ran out (and so made the cancellation). */
    private static final class TimeoutCancel {
        boolean ranOut;
    }

    // ---------------------------------------------------------------- the engine

    /**
     * Runs the callbacks of this Deferred and of every Deferred waiting on it, iteratively: a
     * Deferred that finishes hands its result to the one waiting on it by pushing that one on
     * {@code chain}, never by a nested call.
     */
    private void runCallbacks() {
        if (runningCallbacks) {
            return; // a callback of ours added a link; the loop already running will take it
        }
        ArrayList<Deferred<?>> chain = null;
        Deferred<?> current = this;
        while (true) {
            if (current.paused > 0) {
                return; // no result will come out of it for now; those waiting on it wait on
            }
            if (current.runLinks()) {
                current.recordOutcome();
                if (chain == null || chain.isEmpty()) {
                    return;
                }
                current = chain.remove(chain.size() - 1);
            } else {
                // current handed its result to a waiting Deferred: run that one, then come back.
                if (chain == null) {
                    chain = new ArrayList<>();
                }
                chain.add(current);
                Deferred<?> waiting = current.handedTo;
                current.handedTo = null;
                current = waiting;
            }
        }
    }

    /**
     * Runs links until there are none left, the chain pauses, or a continuation hands the result to
     * a waiting Deferred. Returns false only in that last case (with {@link #handedTo} set).
     */
    private boolean runLinks() {
        chainedTo = null;
        if (report != null) {
            report.failure = null;
        }
        while (head != null) {
            Link link = head;
            head = link.next;
            if (head == null) {
                tail = null;
            }
            link.next = null;
            if (link.waiting != null) {
                Deferred<Object> waiting = link.waiting;
                waiting.result = result;
                waiting.failed = failed;
                result = null;
                failed = false;
                waiting.paused--;
                handedTo = waiting;
                return false;
            }
            Object next;
            boolean nextFailed = false;
            runningCallbacks = true;
            try {
                next = failed ? link.errback.call((Failure) result) : link.callback.call(result);
            } catch (Throwable t) {
                rethrowIfFatal(t);
                next = Failure.of(t);
                nextFailed = true;
            } finally {
                runningCallbacks = false;
            }
            if (!nextFailed && next instanceof Deferred) {
                Deferred<?> inner = (Deferred<?>) next;
                if (inner == this) {
                    next = Failure.of(new IllegalStateException("a callback returned its own Deferred"));
                    nextFailed = true;
                } else if (!inner.called || inner.paused > 0) {
                    // Wait for it: it will hand us its result through a continuation link.
                    paused++;
                    chainedTo = inner;
                    result = null;
                    failed = false;
                    @SuppressWarnings("unchecked")
                    Deferred<Object> self = (Deferred<Object>) this;
                    inner.append(new Link(null, null, self));
                    return true;
                } else {
                    // It has a result already: take it, leaving it with null as Twisted does.
                    next = inner.result;
                    nextFailed = inner.failed;
                    inner.result = null;
                    inner.failed = false;
                    if (inner.report != null) {
                        inner.report.failure = null;
                    }
                }
            }
            result = next;
            failed = nextFailed;
        }
        return true;
    }

    private void append(Link link) {
        if (tail == null) {
            head = link;
        } else {
            tail.next = link;
        }
        tail = link;
    }

    /** After the chain ran dry: remember an unhandled failure for the report at collection. */
    private void recordOutcome() {
        if (failed) {
            if (report == null) {
                report = new UnhandledFailureReport(creationSite, firstInvocationSite);
                CLEANER.register(this, report);
            }
            report.failure = (Failure) result;
        } else if (report != null) {
            report.failure = null;
        }
    }

    static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
    }

    private static String stackOf(Throwable site) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement frame : site.getStackTrace()) {
            out.append("\tat ").append(frame).append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        String state;
        if (!called) {
            state = "waiting";
        } else if (chainedTo != null) {
            state = "waiting on <Deferred@" + Integer.toHexString(System.identityHashCode(chainedTo)) + ">";
        } else if (failed) {
            state = "failed " + result;
        } else {
            state = "current result: " + result;
        }
        return "<Deferred@" + Integer.toHexString(System.identityHashCode(this)) + " " + state + ">";
    }

    /**
     * The state the {@link Cleaner} keeps for a Deferred whose chain ended in failure: it must not
     * refer to the Deferred itself, or the Deferred would never be collected.
     */
    private static final class UnhandledFailureReport implements Runnable {
        volatile Failure failure;
        private final Throwable creationSite;
        private final Throwable invocationSite;

        UnhandledFailureReport(Throwable creationSite, Throwable invocationSite) {
            this.creationSite = creationSite;
            this.invocationSite = invocationSite;
        }

        @Override
        public void run() {
            Failure unhandled = failure;
            if (unhandled == null) {
                return;
            }
            StringBuilder message = new StringBuilder("Unhandled error in Deferred:\n");
            if (creationSite != null) {
                message.append("(debug:  C: Deferred was created:\n").append(stackOf(creationSite));
                if (invocationSite != null) {
                    message.append(" I: First Invoker was:\n").append(stackOf(invocationSite));
                }
                message.append(")\n");
            }
            message.append(unhandled.getTraceback());
            log.error(message.toString());
        }
    }
}
