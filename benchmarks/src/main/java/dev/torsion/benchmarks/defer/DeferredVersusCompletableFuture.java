package dev.torsion.benchmarks.defer;

import dev.torsion.defer.Deferred;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The cost of a Deferred created, given three callbacks and fired, against its baseline: a
 * {@link CompletableFuture} given three {@code thenApply} stages and completed. Both return the
 * object that holds the final result, so that neither can be optimised away.
 *
 * <p>Run with {@code java -jar benchmarks/target/benchmarks.jar DeferredVersusCompletableFuture}, or
 * through {@link #main} (same JMH options) to have the ratio printed after both figures, from the
 * means and from the best iterations (the least disturbed on a shared machine).
 */
// A long warm-up by default: on a loaded machine the JIT needs many seconds to compile both
// paths, and a short one compares interpreted code with compiled code.
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 15, time = 2)
@Measurement(iterations = 10, time = 1)
public class DeferredVersusCompletableFuture {
    /** The value fired into each chain; a field, so that the JIT cannot fold it. */
    private Integer input = 20;

    /** Torsion: a Deferred, three callbacks, fired. */
    @Benchmark
    public Object deferredThreeCallbacks() {
        Deferred<Integer> start = new Deferred<>();
        Deferred<Integer> end = start.addCallback(v -> v + 1).addCallback(v -> v * 2).addCallback(v -> v - 3);
        start.callback(input);
        return end;
    }

    /** Baseline: a CompletableFuture, three thenApply stages, completed. */
    @Benchmark
    public Object completableFutureThreeStages() {
        CompletableFuture<Integer> start = new CompletableFuture<>();
        CompletableFuture<Integer> end = start.thenApply(v -> v + 1).thenApply(v -> v * 2).thenApply(v -> v - 3);
        start.complete(input);
        return end;
    }

    /**
     * Runs both benchmarks (JMH command-line options are honoured, e.g. {@code -f 1 -wi 3 -i 5})
     * and prints each score and the ratio Deferred / CompletableFuture.
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(DeferredVersusCompletableFuture.class.getName())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double deferred = scoreOf(results, "deferredThreeCallbacks");
        double future = scoreOf(results, "completableFutureThreeStages");
        double deferredBest = bestIterationOf(results, "deferredThreeCallbacks");
        double futureBest = bestIterationOf(results, "completableFutureThreeStages");
        System.out.printf("%n%-44s %12s %16s%n", "", "mean ns/op", "best iter ns/op");
        System.out.printf("%-44s %12.2f %16.2f%n", "Deferred (3 callbacks + fire)", deferred, deferredBest);
        System.out.printf("%-44s %12.2f %16.2f%n", "CompletableFuture (3 thenApply + complete)", future, futureBest);
        System.out.printf("%-44s %12.2f %16.2f   (target <= 1.50)%n", "Ratio Deferred / CompletableFuture",
                deferred / future, deferredBest / futureBest);
    }

    private static RunResult resultOf(Collection<RunResult> results, String method) {
        for (RunResult result : results) {
            if (result.getParams().getBenchmark().endsWith("." + method)) {
                return result;
            }
        }
        throw new IllegalStateException("no result for " + method);
    }

    private static double scoreOf(Collection<RunResult> results, String method) {
        return resultOf(results, method).getPrimaryResult().getScore();
    }

    /** The fastest measured iteration: on a shared machine, the one least disturbed by others. */
    private static double bestIterationOf(Collection<RunResult> results, String method) {
        double best = Double.MAX_VALUE;
        for (BenchmarkResult benchmark : resultOf(results, method).getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                best = Math.min(best, iteration.getPrimaryResult().getScore());
            }
        }
        return best;
    }
}
