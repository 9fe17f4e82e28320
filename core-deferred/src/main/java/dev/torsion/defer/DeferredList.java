package dev.torsion.defer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Deferred that fires when a list of Deferreds has fired, as Twisted's {@code DeferredList}.
 *
 * <p>By default it waits for every Deferred and fires with one {@link Outcome} per Deferred, in the
 * list's order, whatever each outcome was; it never fails. {@link Option}s change that:
 * <ul>
 *   <li>{@link Option#FIRE_ON_ONE_CALLBACK}: fires as soon as one Deferred succeeds, with a list
 *       holding only that success (its {@link Outcome#index()} says which). If none succeeds, it
 *       fires with every outcome once all have failed.</li>
 *   <li>{@link Option#FIRE_ON_ONE_ERRBACK}: fails as soon as one Deferred fails, with a
 *       {@link FirstError} that carries the failure and its index.</li>
 *   <li>{@link Option#CONSUME_ERRORS}: a failure of a Deferred in the list counts as handled there
 *       (its chain goes on with {@code null}), so it is never reported as unhandled. Without it
 *       the failure stays in that Deferred's chain as well.</li>
 * </ul>
 *
 * <p>An empty list fires at once with an empty list (unless {@code FIRE_ON_ONE_CALLBACK} is set:
 * then it never fires, as in Twisted). Cancelling a DeferredList that has not fired cancels every
 * Deferred in it; their failures then make it fire as the options say.
 *
 * @param <T> the type of the Deferreds' results
 */
public final class DeferredList<T> extends Deferred<List<DeferredList.Outcome<T>>> {
    private static final Logger log = LoggerFactory.getLogger(DeferredList.class);

    /** How a DeferredList fires; see the class description. */
    public enum Option {
        /** Fire with the first success. */
        FIRE_ON_ONE_CALLBACK,
        /** Fail with the first failure, as a {@link FirstError}. */
        FIRE_ON_ONE_ERRBACK,
        /** Mark each failure handled in the Deferred it came from. */
        CONSUME_ERRORS
    }

    /**
     * What one Deferred of the list gave: its index in the list and either its value
     * ({@code success} true) or its failure.
     *
     * @param index where the Deferred stands in the list
     * @param success whether it succeeded
     * @param value its value when it succeeded, else {@code null}
     * @param failure its failure when it failed, else {@code null}
     * @param <T> the type of the value
     */
    public record Outcome<T>(int index, boolean success, T value, Failure failure) {
        /** The outcome of a Deferred that succeeded with {@code value}. */
        public static <T> Outcome<T> succeeded(int index, T value) {
            return new Outcome<>(index, true, value, null);
        }

        /** The outcome of a Deferred that failed with {@code failure}. */
        public static <T> Outcome<T> failed(int index, Failure failure) {
            return new Outcome<>(index, false, null, failure);
        }
    }

    private final List<Deferred<? extends T>> deferreds;
    private final List<Outcome<T>> outcomes;
    private final Set<Option> options;
    private int finished;

    /** Waits for every Deferred of {@code deferreds}, with the given options. */
    public DeferredList(List<? extends Deferred<? extends T>> deferreds, Option... options) {
        this.deferreds = List.copyOf(deferreds);
        this.options = options.length == 0 ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(Arrays.asList(options));
        this.outcomes = new ArrayList<>(Collections.nCopies(this.deferreds.size(), null));
        if (this.deferreds.isEmpty() && !this.options.contains(Option.FIRE_ON_ONE_CALLBACK)) {
            callback(List.of());
        }
        for (int i = 0; i < this.deferreds.size(); i++) {
            watch(this.deferreds.get(i), i);
        }
    }

    private <V extends T> void watch(Deferred<V> deferred, int index) {
        deferred.addCallbacks(value -> {
            record(Outcome.succeeded(index, value));
            return value;
        }, failure -> {
            record(Outcome.failed(index, failure));
            if (options.contains(Option.CONSUME_ERRORS)) {
                return null;
            }
            throw failure.rethrow();
        });
    }

    private void record(Outcome<T> outcome) {
        outcomes.set(outcome.index(), outcome);
        finished++;
        if (isCalled()) {
            return;
        }
        if (outcome.success() && options.contains(Option.FIRE_ON_ONE_CALLBACK)) {
            callback(List.of(outcome));
        } else if (!outcome.success() && options.contains(Option.FIRE_ON_ONE_ERRBACK)) {
            errback(new FirstError(outcome.failure(), outcome.index()));
        } else if (finished == outcomes.size()) {
            callback(Collections.unmodifiableList(new ArrayList<>(outcomes)));
        }
    }

    /** How many of the Deferreds have fired so far. */
    public int finishedCount() {
        return finished;
    }

    /**
     * Not fired yet: cancels every Deferred in the list (an exception from one canceller is logged
     * and the others are still cancelled). Fired: as {@link Deferred#cancel()}.
     */
    @Override
    public void cancel() {
        if (isCalled()) {
            super.cancel();
            return;
        }
        for (Deferred<? extends T> deferred : deferreds) {
            try {
                deferred.cancel();
            } catch (RuntimeException e) {
                log.error("Exception raised from a canceller while cancelling a DeferredList", e);
            }
        }
    }
}
