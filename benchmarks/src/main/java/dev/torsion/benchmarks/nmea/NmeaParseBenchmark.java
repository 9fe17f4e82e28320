package dev.torsion.benchmarks.nmea;

import dev.torsion.nmea.NmeaLimits;
import dev.torsion.nmea.codec.DecodeResult;
import dev.torsion.nmea.codec.ParseResult;
import dev.torsion.nmea.codec.Sentence;
import dev.torsion.nmea.codec.SentenceDecoder;
import dev.torsion.nmea.codec.SentenceParser;
import java.io.IOException;
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
 * typed messages with every field checked by {@code SentenceParser}) against the plain
 * split-and-parse baseline ({@link SplitAndParseBaseline}), in the same process, over every
 * sentence of gpsd's regression logs ({@code shared/testdata/nmea/logs}). Rounds alternate between
 * the two; the median round of each is printed with the ratio (issue 18's target: at least 2).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.nmea.NmeaParseBenchmark [seconds-per-round] [rounds] [logs-dir]</pre>
 */
public final class NmeaParseBenchmark {

    private NmeaParseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path logs = args.length > 2 ? Path.of(args[2]) : Path.of("../shared/testdata/nmea/logs");
        String[] sentences = sentences(logs);
        SentenceDecoder decoder = new SentenceDecoder(NmeaLimits.DEFAULTS);
        ToDoubleFunction<String> torsion = line -> torsion(decoder, line);
        ToDoubleFunction<String> baseline = SplitAndParseBaseline::parse;
        // warm both up before measuring
        run(torsion, sentences, Math.max(0.5, seconds));
        run(baseline, sentences, Math.max(0.5, seconds));
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            ours[round] = run(torsion, sentences, seconds);
            theirs[round] = run(baseline, sentences, seconds);
        }
        double torsionRate = median(ours);
        double baselineRate = median(theirs);
        System.out.printf("NMEA sentences parsed per second, %d sentences from %s, median of %d rounds of %.1f s%n",
                sentences.length, logs, rounds, seconds);
        System.out.printf("  split-and-parse (baseline): %,14.0f /s%n", baselineRate);
        System.out.printf("  Torsion codec             : %,14.0f /s%n", torsionRate);
        System.out.printf("  ratio Torsion / baseline  : %.2f%n", torsionRate / baselineRate);
    }

    private static double torsion(SentenceDecoder decoder, String line) {
        DecodeResult decoded = decoder.decode(line);
        if (!(decoded instanceof Sentence sentence)) {
            return 0;
        }
        ParseResult parsed = SentenceParser.parse(sentence);
        return parsed.message() != null ? sentence.fields().size() : 0;
    }

    /** Sentences per second parsing {@code sentences} over and over for {@code seconds}. */
    private static double run(ToDoubleFunction<String> parser, String[] sentences, double seconds) {
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
        return parsed / ((now - start) / 1e9);
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
