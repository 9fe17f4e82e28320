package dev.torsion.benchmarks.http;

import java.util.stream.DoubleStream;

/** The median of a benchmark's rounds: the figure the HTTP benchmarks report beside the best. */
final class Median {
    private Median() {
    }

    /** The middle value of {@code values} (the mean of the two middle ones for an even count). */
    static double of(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
