package dev.torsion.benchmarks.irc;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.irc.IrcLimits;
import dev.torsion.irc.server.IrcServerConfig;
import dev.torsion.irc.server.IrcServerFactory;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Fan-out in one channel: {@code clients} clients join {@code #bench}, then each says
 * {@code rate} PRIVMSGs per second for {@code seconds} seconds; every message goes to the other
 * clients. Measures the deliveries per second the server achieves under that offered load, and
 * how long after the last send the last delivery arrives (the backlog), for Torsion's server and
 * for ngIRCd (C; the baseline) in interleaved rounds (ngIRCd, Torsion, ...), and prints
 * the median of each and their ratio (the target: Torsion at least 1.0x ngIRCd).
 *
 * <p>The load is paced rather than flooded because ngIRCd throttles each client to a few
 * commands a second (its flood protection cannot be turned off): the default 2 messages per
 * second per client stays under it, and Torsion's message timer is given the same allowance.
 * The clients are driven by one NIO selector thread in this process.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.irc.IrcFanoutBenchmark [clients] [rate] [seconds] [rounds]
 * </pre>
 *
 * Defaults: 200 clients, 2 messages per second each, 10 seconds, 3 rounds. Needs
 * {@code /usr/sbin/ngircd} ({@code .ci/install-peers} installs it).
 */
public final class IrcFanoutBenchmark {
    private static final String CHANNEL = "#bench";

    private IrcFanoutBenchmark() {
    }

    /** One round's figures. */
    record Result(double deliveriesPerSecond, double backlogSeconds) {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread reactorThread = new Thread(reactor::run, "irc-bench-reactor");
        reactorThread.start();
        running.await(10, TimeUnit.SECONDS);
        // The same allowance as ngIRCd's flood protection: a burst, then one command a second per penalty.
        IrcServerConfig config = IrcServerConfig.of("irc.bench.test")
                .withLimits(IrcLimits.DEFAULTS.withFlood(Duration.ofMillis(1000 / Math.max(1, rate + 1)), Duration.ofSeconds(10)));
        ListeningPort torsion = reactor.blockingCallFromThread(() ->
                reactor.listenTCP(0, new IrcServerFactory(config, reactor), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) torsion.getHost()).port();

        Path dir = Files.createTempDirectory("ngircd-bench");
        int ngircdPort = FreePorts.tcp();
        Path conf = dir.resolve("ngircd.conf");
        Files.writeString(conf, String.join("\n", "[Global]", "Name = irc.ngircd.bench", "Info = baseline",
                "AdminInfo1 = bench", "AdminInfo2 = bench", "AdminEMail = root@localhost", "Listen = 127.0.0.1",
                "Ports = " + ngircdPort, "[Limits]", "MaxConnections = 0", "MaxConnectionsIP = 0", "PingTimeout = 600",
                "PongTimeout = 600", "[Options]", "DNS = no", "Ident = no", "PAM = no", ""));
        Process ngircd = new ProcessBuilder("/usr/sbin/ngircd", "-n", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ngircd.log").toFile()).start();
        waitForPort(ngircdPort);
        try {
            run(ngircdPort, clients, rate, 2, "warm-up");
            run(torsionPort, clients, rate, 2, "warm-up");
            List<Double> baseline = new ArrayList<>();
            List<Double> ours = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Result n = run(ngircdPort, clients, rate, seconds, "ngircd");
                Result t = run(torsionPort, clients, rate, seconds, "torsion");
                baseline.add(n.deliveriesPerSecond());
                ours.add(t.deliveriesPerSecond());
                System.out.printf(Locale.ROOT, "round %d: ngircd %.0f deliveries/s (backlog %.2f s), torsion %.0f deliveries/s "
                        + "(backlog %.2f s)%n", round, n.deliveriesPerSecond(), n.backlogSeconds(), t.deliveriesPerSecond(),
                        t.backlogSeconds());
            }
            double n = median(baseline);
            double t = median(ours);
            System.out.printf(Locale.ROOT, "median: ngircd %.0f deliveries/s, torsion %.0f deliveries/s, ratio %.2f "
                    + "(%d clients, %d msg/s each, %d s)%n", n, t, t / n, clients, rate, seconds);
        } finally {
            ngircd.destroy();
            ngircd.waitFor(10, TimeUnit.SECONDS);
            reactor.blockingCallFromThread(torsion::stopListening);
            reactor.callFromThread(reactor::stop);
            reactorThread.join(15_000);
        }
    }

    /** Connects, registers and joins every client, runs the paced load, and counts deliveries. */
    static Result run(int port, int clients, int rate, int seconds, String name) throws IOException {
        String tag = name.substring(0, 1) + Long.toString(System.nanoTime() % 100_000, 36);
        try (Selector selector = Selector.open()) {
            List<Client> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
                Client client = new Client(channel, tag + "x" + i);
                channel.register(selector, SelectionKey.OP_READ, client);
                client.send("NICK " + client.nick + "\r\nUSER b 0 * :bench\r\nJOIN " + CHANNEL + "\r\n");
                all.add(client);
            }
            pumpUntil(selector, () -> all.stream().allMatch(c -> c.joined), Duration.ofSeconds(120));
            for (Client c : all) {
                c.received = 0;
            }
            long expected = (long) clients * (clients - 1) * rate * seconds;
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int tick = 0; tick < rate * seconds; tick++) {
                long due = start + tick * interval;
                pumpUntil(selector, () -> System.nanoTime() >= due, Duration.ofSeconds(60));
                for (Client c : all) {
                    c.send("PRIVMSG " + CHANNEL + " :message " + tick + " from " + c.nick + "\r\n");
                }
            }
            long lastSend = System.nanoTime();
            pumpUntil(selector, () -> all.stream().mapToLong(c -> c.received).sum() >= expected, Duration.ofSeconds(300));
            long end = System.nanoTime();
            long delivered = all.stream().mapToLong(c -> c.received).sum();
            for (Client c : all) {
                c.channel.close();
            }
            return new Result(delivered / ((end - start) / 1e9), (end - lastSend) / 1e9);
        }
    }

    /** Reads and answers PINGs until {@code done} holds or {@code limit} passes. */
    private static void pumpUntil(Selector selector, BooleanSupplier done, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("timed out");
            }
            selector.select(1);
            for (SelectionKey key : selector.selectedKeys()) {
                ((Client) key.attachment()).read();
            }
            selector.selectedKeys().clear();
        }
    }

    /** One benchmark client: counts the PRIVMSGs it receives, notes the end of its JOIN's NAMES. */
    static final class Client {
        final SocketChannel channel;
        final String nick;
        final ByteBuffer in = ByteBuffer.allocate(1 << 16);
        final StringBuilder partial = new StringBuilder();
        boolean joined;
        long received;

        Client(SocketChannel channel, String nick) {
            this.channel = channel;
            this.nick = nick;
        }

        void send(String text) throws IOException {
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        }

        void read() throws IOException {
            in.clear();
            int n = channel.read(in);
            if (n <= 0) {
                return;
            }
            partial.append(new String(in.array(), 0, n, StandardCharsets.UTF_8));
            int end;
            while ((end = partial.indexOf("\n")) >= 0) {
                line(partial.substring(0, end).trim());
                partial.delete(0, end + 1);
            }
        }

        private void line(String line) throws IOException {
            if (line.startsWith("PING ")) {
                send("PONG " + line.substring(5) + "\r\n");
            } else if (line.contains(" PRIVMSG " + CHANNEL + " ")) {
                received++;
            } else if (line.contains(" 366 ")) {
                joined = true;
            }
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while ngircd starts
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
