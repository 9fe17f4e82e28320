package dev.torsion.benchmarks.nmea;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.SentenceDecoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Sentences parsed per second: Torsion's codec (framing and checksum by {@code SentenceDecoder},
 * typed messages with every field checked by {@code SentenceParser}, {@link TorsionFold}) against
 * the plain split-and-parse baseline ({@link SplitAndParseBaseline}), in the same process, over
 * the same lines: every sentence of gpsd's regression logs ({@code shared/testdata/nmea/logs}).
 * The baseline is timed twice: verifying the checksum, as Torsion does (the ratio the target is
 * read against), and with the checksum cut off unread (shown for comparison).
 * Both sides fold the same values into a sum that is consumed, and before timing the two sums are
 * compared line by line (printed: how many agree, how many lines Torsion refuses that the baseline
 * reads). Rounds alternate between the sides; the median round of each is printed with the ratio
 * (issue 18's target: at least 2), with the ratio of each round.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.nmea.NmeaParseBenchmark [seconds-per-round] [rounds] [logs-dir]</pre>
 */
public final class NmeaParseBenchmark {

    private static final double WARM_UP_SECONDS = 2;

    private NmeaParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path logs = args.length > 2 ? Path.of(args[2]) : Path.of("../shared/testdata/nmea/logs");
        String[] sentences = sentences(logs);
        ToDoubleFunction<String> torsion = new TorsionFold(new SentenceDecoder(NmeaLimits.DEFAULTS))::parse;
        ToDoubleFunction<String> baseline = SplitAndParseBaseline::parse;
        ToDoubleFunction<String> unchecked = SplitAndParseBaseline::parseUnchecked;
        String agreement = agreement(torsion, baseline, sentences);
        List<ToDoubleFunction<String>> sides = List.of(baseline, unchecked, torsion);
        // warm every side up before measuring, twice in turn and for seconds each: on a loaded
        // machine the compiler threads are slow, and a side still partly interpreted or in C1
        // code (the baseline's many JDK methods more than ours) made the first rounds unfair
        for (int pass = 0; pass < 2; pass++) {
            for (ToDoubleFunction<String> side : sides) {
                run(side, sentences, Math.max(WARM_UP_SECONDS, seconds));
            }
        }
        double[][] wall = new double[sides.size()][rounds];
        double[][] cpu = new double[sides.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int side = 0; side < sides.size(); side++) {
                double[] rates = run(sides.get(side), sentences, seconds);
                wall[side][round] = rates[0];
                cpu[side][round] = rates[1];
            }
        }
        System.out.printf("NMEA sentences parsed per second, %d sentences from %s, median of %d rounds of %.1f s%n",
                sentences.length, logs, rounds, seconds);
        System.out.println("  " + agreement);
        System.out.println("                                         per second    per CPU second");
        print("split-and-parse, checksum verified", median(wall[0]), median(cpu[0]));
        print("split-and-parse, checksum unread  ", median(wall[1]), median(cpu[1]));
        print("Torsion codec                     ", median(wall[2]), median(cpu[2]));
        System.out.printf("  ratio Torsion / baseline (verified) : %14.2f %17.2f%n",
                median(wall[2]) / median(wall[0]), median(cpu[2]) / median(cpu[0]));
        System.out.printf("  ratio Torsion / baseline (unread)   : %14.2f %17.2f%n",
                median(wall[2]) / median(wall[1]), median(cpu[2]) / median(cpu[1]));
        System.out.println("  ratio per CPU second by round (verified): " + ratios(cpu[2], cpu[0]));
    }

    private static String ratios(double[] ours, double[] theirs) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ours.length; i++) {
            text.append(String.format(" %.2f", ours[i] / theirs[i]));
        }
        return text.toString().strip();
    }

    private static void print(String name, double rate, double cpuRate) {
        System.out.printf("  %s: %,14.0f %,17.0f%n", name, rate, cpuRate);
    }

    /** How far the two sides' sums agree, line by line: they read the same values. */
    private static String agreement(ToDoubleFunction<String> torsion,
            ToDoubleFunction<String> baseline, String[] sentences) {
        int agree = 0;
        int refused = 0;
        for (String sentence : sentences) {
            double ours = torsion.applyAsDouble(sentence);
            double theirs = baseline.applyAsDouble(sentence);
            if (Math.abs(ours - theirs) <= 1e-6 * Math.max(1, Math.abs(theirs))) {
                agree++;
            } else if (ours == 0) {
                refused++;
            }
        }
        return String.format("same sum on %d of %d lines; %d refused by Torsion only (checksum or"
                + " field checks), %d read differently", agree, sentences.length, refused,
                sentences.length - agree - refused);
    }

    /**
     * Sentences per second and per second of this thread's CPU time (which other processes on a
     * busy machine do not inflate), parsing {@code sentences} over and over for {@code seconds}.
     */
    private static double[] run(ToDoubleFunction<String> parser, String[] sentences, double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long parsed = 0;
        double sink = 0;
        long now;
        do {
            for (String sentence : sentences) {
                sink += parser.applyAsDouble(sentence);
            }
            parsed += sentences.length;
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42.4242) {
            System.out.print("");
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {parsed / ((now - start) / 1e9), parsed / (cpu / 1e9)};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String[] sentences(Path logs) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
                    if (line.startsWith("$") || line.startsWith("!")) {
                        lines.add(line.strip());
                    }
                }
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalStateException("no sentences under " + logs);
        }
        return lines.toArray(String[]::new);
    }
}
