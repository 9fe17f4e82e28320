package dev.torsion.benchmarks.smtp;

import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-source} sending small messages over several connections to the real
 * {@code torsion mail} process, which delivers each into a Maildir on disk (tmp/, fsync, rename
 * to new/), against Postfix's {@code smtp-sink} (which discards) for scale, in interleaved rounds.
 * Every message acknowledged is counted in the Maildir afterwards: the figure stands only if none
 * is missing.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.smtp.MaildirDeliveryBenchmark [messages] [connections] [rounds]
 * </pre>
 *
 * Run from the source tree's root (it starts {@code ./torsion}). Defaults: 10,000 messages, 10
 * connections, 3 rounds. Twisted's {@code twistd3 mail} (Debian's 22.4) cannot take part: its
 * {@code --user} fails with "DirDBM key must be bytes", and given a password database made by
 * hand it refuses every local recipient with 550.
 */
public final class MaildirDeliveryBenchmark {
    private static final Path POSTFIX = Path.of("/opt/postfix-tools");

    private MaildirDeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("torsion-maildir-bench");
        Path domain = dir.resolve("bench.example");
        int torsionPort = FreePorts.tcp();
        int sinkPort = FreePorts.tcp();
        Process torsion = startTorsion(dir, domain, torsionPort);
        Process sink = SmtpLoadBenchmark.startSink(sinkPort, connections);
        try {
            awaitListening(torsionPort, torsion);
            SmtpLoadBenchmark.run(sinkPort, Math.min(messages, 1000), connections); // warm-up, untimed
            SmtpLoadBenchmark.run(torsionPort, Math.min(messages, 1000), connections);
            long expected = Math.min(messages, 1000);
            List<Double> sinkRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double s = SmtpLoadBenchmark.run(sinkPort, messages, connections);
                double t = SmtpLoadBenchmark.run(torsionPort, messages, connections);
                expected += messages;
                sinkRates.add(s);
                torsionRates.add(t);
                System.out.printf(Locale.ROOT, "round %d: smtp-sink (discards) %.0f msg/s, torsion mail (Maildir) %.0f msg/s%n",
                        round, s, t);
            }
            long delivered = countMessages(domain.resolve("sink/new"));
            double s = median(sinkRates);
            double t = median(torsionRates);
            System.out.printf(Locale.ROOT, "median: smtp-sink %.0f msg/s, torsion mail into Maildir %.0f msg/s, ratio %.2f "
                    + "(%d messages, %d connections); in the Maildir: %d of %d%n", s, t, t / s, messages, connections,
                    delivered, expected);
            if (delivered != expected) {
                throw new IllegalStateException("messages missing from the Maildir: " + (expected - delivered));
            }
        } finally {
            sink.destroy();
            torsion.destroy();
            torsion.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process startTorsion(Path dir, Path domain, int port) throws IOException {
        List<String> command = List.of("./torsion", "mail", "--smtp", "tcp:" + port + ":interface=127.0.0.1",
                "--domain", "bench.example=" + domain, "--user", "sink=secret");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("torsion.out").toFile()).start();
    }

    private static long countMessages(Path newDir) throws IOException {
        try (Stream<Path> files = Files.list(newDir)) {
            return files.count();
        }
    }

    /** Waits (up to two minutes: the first run of ./torsion builds it) until the port accepts connections. */
    private static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("torsion mail exited with status " + process.exitValue());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IOException("nothing listens on " + port);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
