package dev.torsion.defer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random chains of callbacks, errbacks, traps and nested Deferreds (fired at once or
 * later), each checked against a plain sequential model of what Twisted's chain does.
 */
class DeferredRandomChainTest {

    /** The chain's state in the model: a value, or the message of a failure. */
    private record State(Integer value, String failure) {
        static State of(int value) {
            return new State(value, null);
        }

        static State failed(String message) {
            return new State(null, message);
        }
    }

    private enum Step { ADD, THROW, RECOVER, TRAP_OTHER_TYPE, TRAP_OWN_TYPE, NESTED_FIRED, NESTED_LATER,
        NESTED_LATER_FAILING, BOTH, PAUSE_UNPAUSE }

    @Test
    void randomChainsBehaveAsTheModel() {
        for (int seed = 0; seed < 500; seed++) {
            Random random = new Random(seed);
            int length = random.nextInt(40);
            List<Step> steps = new ArrayList<>();
            List<Integer> arguments = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                steps.add(Step.values()[random.nextInt(Step.values().length)]);
                arguments.add(random.nextInt(100));
            }
            boolean startFailed = random.nextBoolean();
            boolean fireFirst = random.nextBoolean();
            State expected = model(steps, arguments, startFailed ? State.failed("start") : State.of(1));
            State actual = run(steps, arguments, startFailed, fireFirst);
            assertEquals(expected, actual, "seed " + seed + " steps " + steps + " args " + arguments
                    + " startFailed " + startFailed + " fireFirst " + fireFirst);
        }
    }

    private static State model(List<Step> steps, List<Integer> arguments, State start) {
        State state = start;
        for (int i = 0; i < steps.size(); i++) {
            int k = arguments.get(i);
            boolean ok = state.failure() == null;
            switch (steps.get(i)) {
                case ADD, NESTED_FIRED, NESTED_LATER -> state = ok ? State.of(state.value() + k) : state;
                case THROW -> state = ok ? State.failed("thrown " + k) : state;
                case RECOVER -> state = ok ? state : State.of(k);
                case TRAP_OTHER_TYPE, PAUSE_UNPAUSE -> { }
                case TRAP_OWN_TYPE -> state = ok ? state : State.of(-k);
                case NESTED_LATER_FAILING -> state = ok ? State.failed("nested " + k) : state;
                case BOTH -> state = ok ? State.of(state.value() * 2) : State.failed(state.failure() + "!");
                default -> throw new AssertionError();
            }
        }
        return state;
    }

    private static State run(List<Step> steps, List<Integer> arguments, boolean startFailed, boolean fireFirst) {
        Deferred<Integer> start = new Deferred<>();
        if (fireFirst) {
            fire(start, startFailed);
        }
        ArrayDeque<Runnable> later = new ArrayDeque<>();
        Deferred<Integer> chain = start;
        for (int i = 0; i < steps.size(); i++) {
            int k = arguments.get(i);
            switch (steps.get(i)) {
                case ADD -> chain = chain.addCallback(v -> v + k);
                case THROW -> chain = chain.addCallback(v -> {
                    throw new IllegalStateException("thrown " + k);
                });
                case RECOVER -> chain = chain.addErrback(f -> k);
                case TRAP_OTHER_TYPE -> chain = chain.addErrback(f -> {
                    f.trap(ArithmeticException.class);
                    return 0;
                });
                case TRAP_OWN_TYPE -> chain = chain.addErrback(f -> {
                    f.trap(IllegalStateException.class);
                    return -k;
                });
                case NESTED_FIRED -> chain = chain.addCallbackDeferred(v -> Deferred.succeed(v + k));
                case NESTED_LATER -> chain = chain.addCallbackDeferred(v -> {
                    Deferred<Integer> nested = new Deferred<>();
                    later.add(() -> nested.callback(v + k));
                    return nested;
                });
                case NESTED_LATER_FAILING -> chain = chain.addCallbackDeferred(v -> {
                    Deferred<Integer> nested = new Deferred<>();
                    later.add(() -> nested.errback(new IllegalStateException("nested " + k)));
                    return nested;
                });
                case BOTH -> chain = chain.addBoth((v, f) -> {
                    if (f != null) {
                        throw new IllegalStateException(f.getErrorMessage() + "!");
                    }
                    return v * 2;
                });
                case PAUSE_UNPAUSE -> {
                    chain.pause();
                    Deferred<Integer> paused = chain;
                    later.add(paused::unpause);
                }
                default -> throw new AssertionError();
            }
        }
        State[] outcome = {null};
        chain.addCallbacks(v -> {
            outcome[0] = State.of(v);
            return null;
        }, f -> {
            outcome[0] = State.failed(f.getErrorMessage());
            return null;
        });
        if (!fireFirst) {
            fire(start, startFailed);
        }
        while (!later.isEmpty()) {
            later.poll().run();
        }
        assertTrue(outcome[0] != null, "the chain finished");
        return outcome[0];
    }

    private static void fire(Deferred<Integer> start, boolean failed) {
        if (failed) {
            start.errback(new IllegalStateException("start"));
        } else {
            start.callback(1);
        }
    }
}
