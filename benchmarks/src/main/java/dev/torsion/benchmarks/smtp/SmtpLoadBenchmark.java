package dev.torsion.benchmarks.smtp;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.smtp.SmtpLimits;
import dev.torsion.smtp.codec.Mailbox;
import dev.torsion.smtp.server.Envelope;
import dev.torsion.smtp.server.MessageDelivery;
import dev.torsion.smtp.server.MessageReceiver;
import dev.torsion.smtp.server.SessionInfo;
import dev.torsion.smtp.server.SmtpServerConfig;
import dev.torsion.smtp.server.SmtpServerFactory;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-source} sending small messages over several connections to Torsion's SMTP
 * server with a discarding delivery, against Postfix's {@code smtp-sink} (C; the same job) as the
 * baseline, in interleaved rounds (sink, Torsion, sink, Torsion, ...) after an untimed warm-up;
 * prints each round, the median messages per second of each and their ratio (the target:
 * Torsion at least 0.7x smtp-sink).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.smtp.SmtpLoadBenchmark [messages] [connections] [rounds]
 * </pre>
 *
 * Defaults: 10,000 messages, 10 connections, 3 rounds. Needs Postfix's tools extracted in
 * {@code /opt/postfix-tools} ({@code .ci/install-peers} does it).
 */
public final class SmtpLoadBenchmark {
    private static final Path POSTFIX = Path.of("/opt/postfix-tools");

    private SmtpLoadBenchmark() {
    }

    /** Accepts every recipient and drops every message: the same job as smtp-sink. */
    static final class Discard implements MessageDelivery {
        @Override
        public Deferred<Void> validateTo(SessionInfo session, Mailbox from, Mailbox to) {
            return Deferred.succeed(null);
        }

        @Override
        public MessageReceiver startMessage(Envelope envelope) {
            return new MessageReceiver() {
                @Override
                public void write(byte[] content) {
                }

                @Override
                public Deferred<Void> end() {
                    return Deferred.succeed(null);
                }

                @Override
                public void abort() {
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        Thread loop = new Thread(reactor::run, "smtp-benchmark-reactor");
        loop.start();
        started.await(10, TimeUnit.SECONDS);
        SmtpServerConfig config = SmtpServerConfig.of("bench.example").withoutReceivedHeader()
                .withLimits(SmtpLimits.DEFAULTS.withErrorsBeforeDisconnect(1000));
        ListeningPort port = reactor.blockingCallFromThread(() ->
                reactor.listenTCP(0, new SmtpServerFactory(config, new Discard(), reactor), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) port.getHost()).port();
        int sinkPort = FreePorts.tcp();
        Process sink = startSink(sinkPort, connections);
        try {
            run(sinkPort, Math.min(messages, 1000), connections); // warm-up, untimed
            run(torsionPort, Math.min(messages, 1000), connections);
            List<Double> sinkRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double s = run(sinkPort, messages, connections);
                double t = run(torsionPort, messages, connections);
                sinkRates.add(s);
                torsionRates.add(t);
                System.out.printf(Locale.ROOT, "round %d: smtp-sink %.0f msg/s, torsion %.0f msg/s%n", round, s, t);
            }
            double s = median(sinkRates);
            double t = median(torsionRates);
            System.out.printf(Locale.ROOT, "median: smtp-sink %.0f msg/s, torsion %.0f msg/s, ratio %.2f (%d messages, %d connections)%n",
                    s, t, t / s, messages, connections);
        } finally {
            sink.destroy();
            reactor.blockingCallFromThread(port::stopListening);
            reactor.callFromThread(reactor::stop);
            loop.join(15_000);
        }
    }

    /** Runs smtp-source to its end; returns messages per second. */
    static double run(int port, int messages, int connections) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(POSTFIX.resolve("usr/sbin/smtp-source").toString(), "-s", Integer.toString(connections),
                "-m", Integer.toString(messages), "-l", "512", "-f", "bench@source.example", "-t", "sink@bench.example",
                "127.0.0.1:" + port).redirectErrorStream(true);
        builder.environment().put("LD_LIBRARY_PATH", POSTFIX.resolve("usr/lib/postfix").toString());
        long start = System.nanoTime();
        Process source = builder.start();
        String out = new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!source.waitFor(10, TimeUnit.MINUTES) || source.exitValue() != 0) {
            throw new IOException("smtp-source failed: " + out);
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    static Process startSink(int port, int connections) throws Exception {
        List<String> command = new ArrayList<>(List.of(POSTFIX.resolve("usr/sbin/smtp-sink").toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("127.0.0.1:" + port, Integer.toString(Math.max(connections * 2, 64))));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("smtp-sink", ".log").toFile());
        builder.environment().put("LD_LIBRARY_PATH", POSTFIX.resolve("usr/lib/postfix").toString());
        Process sink = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return sink;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(20); // poll interval while smtp-sink starts
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
