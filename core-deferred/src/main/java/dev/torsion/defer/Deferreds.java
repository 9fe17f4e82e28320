package dev.torsion.defer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Ways to combine Deferreds: Twisted's {@code gatherResults} and {@code race}. */
public final class Deferreds {
    private Deferreds() {
    }

    /**
     * The first Deferred of a {@link #race} to succeed: where it stood in the list and its value.
     *
     * @param index the position of the winning Deferred in the list
     * @param value its value
     * @param <T> the type of the value
     */
    public record RaceWinner<T>(int index, T value) {
    }

    /**
     * The values of all of {@code deferreds}, in their order, once all have succeeded; or, as soon
     * as one fails, a {@link FirstError} carrying that failure and its index. The other failures
     * stay in their Deferreds (see {@link #gatherResults(List, boolean)}). Cancelling the result
     * cancels every Deferred not yet fired.
     */
    public static <T> Deferred<List<T>> gatherResults(List<? extends Deferred<? extends T>> deferreds) {
        return gatherResults(deferreds, false);
    }

    /**
     * As {@link #gatherResults(List)}; with {@code consumeErrors} the failure of every Deferred
     * counts as handled there, so that only the {@link FirstError} is left to handle.
     */
    public static <T> Deferred<List<T>> gatherResults(
            List<? extends Deferred<? extends T>> deferreds, boolean consumeErrors) {
        DeferredList<T> all = consumeErrors
                ? new DeferredList<>(deferreds, DeferredList.Option.FIRE_ON_ONE_ERRBACK,
                        DeferredList.Option.CONSUME_ERRORS)
                : new DeferredList<>(deferreds, DeferredList.Option.FIRE_ON_ONE_ERRBACK);
        return all.addCallback(Deferreds::valuesOf);
    }

    private static <T> List<T> valuesOf(List<DeferredList.Outcome<T>> outcomes) {
        List<T> values = new ArrayList<>(outcomes.size());
        for (DeferredList.Outcome<T> outcome : outcomes) {
            values.add(outcome.value());
        }
        return Collections.unmodifiableList(values);
    }

    /**
     * The first of {@code deferreds} to succeed, with its index; the others are then cancelled.
     * When every one fails, fails with a {@link FailureGroup} of their failures (in list order).
     * Failures of the Deferreds in the race count as handled. Cancelling the race cancels every
     * Deferred in it. An empty list fails at once with an empty {@link FailureGroup}.
     */
    public static <T> Deferred<RaceWinner<T>> race(List<? extends Deferred<? extends T>> deferreds) {
        return new Race<T>(deferreds).result;
    }

    /** The state of one race: who is in it, who failed, and whether it is decided. */
    private static final class Race<T> {
        private final List<Deferred<? extends T>> runners;
        private final Deferred<RaceWinner<T>> result;
        private final Failure[] failures;
        private int failedCount;
        private boolean decided;

        Race(List<? extends Deferred<? extends T>> deferreds) {
            runners = List.copyOf(deferreds);
            failures = new Failure[runners.size()];
            result = new Deferred<>(self -> runners.forEach(Deferred::cancel));
            if (runners.isEmpty()) {
                decided = true;
                result.errback(new FailureGroup(List.of()));
            }
            for (int i = 0; i < runners.size(); i++) {
                enter(runners.get(i), i);
            }
        }

        private <V extends T> void enter(Deferred<V> runner, int index) {
            runner.addCallbacks(value -> {
                win(index, value);
                return value;
            }, failure -> {
                lose(index, failure);
                return null;
            });
        }

        private void win(int index, T value) {
            if (decided) {
                return;
            }
            // Decided before cancelling the others: a canceller that fires its Deferred with a
            // value must not win a race that is already won.
            decided = true;
            for (int other = 0; other < runners.size(); other++) {
                if (other != index) {
                    runners.get(other).cancel();
                }
            }
            result.callback(new RaceWinner<>(index, value));
        }

        private void lose(int index, Failure failure) {
            failures[index] = failure;
            failedCount++;
            if (failedCount == runners.size() && !decided) {
                decided = true;
                result.errback(new FailureGroup(List.of(failures)));
            }
        }
    }
}
