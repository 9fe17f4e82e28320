package dev.torsion.benchmarks.socks;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import dev.torsion.socks.server.SocksAccessRules;
import dev.torsion.socks.server.SocksServerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 17's SOCKS5 benchmark: bytes through the proxy (default 1 GiB, the JDK's SOCKS client to a
 * discarding server that answers with the count) and CONNECTs per second (sequential connects, one
 * byte relayed each), through Torsion's SOCKS server and through Dante's {@code danted} on the same
 * loopback as the baseline, in interleaved rounds after an untimed warm-up; prints each round, the
 * medians and the ratios (the target: at least 1.0x Dante).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.socks.SocksBenchmark [mebibytes] [connects] [rounds]
 * </pre>
 *
 * Defaults: 1024 MiB, 3,000 connects (a round of a few seconds), 3 rounds; 0 MiB measures connects
 * only. Each server first takes two untimed rounds of connects (the JIT's warm-up), and each round
 * gives the CPU time per 1,000 connects of both servers: danted's processes (from /proc) and this
 * JVM's threads other than the client's and the sinks' (reactor, GC; not the JIT). The connects go to a
 * server that writes one byte and closes first. Needs {@code danted} ({@code dante-server},
 * installed by {@code .ci/install-peers}).
 */
public final class SocksBenchmark {
    private static final Path DANTED = Path.of("/usr/sbin/danted");
    private static final int CHUNK = 64 * 1024;
    /** The benchmark's own threads: the client (main), the sinks and the danted sampler. */
    private static final Pattern CLIENT_SIDE_THREAD =
            Pattern.compile("main|socks-benchmark-(count|sink|greeter|dante-cpu)");

    private SocksBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long mebibytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int connects = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.isExecutable(DANTED)) {
            throw new IllegalStateException(DANTED + " is missing: install dante-server");
        }
        try (Sink sink = new Sink(); Greeter greeter = new Greeter()) {
            NettyReactor reactor = NettyReactor.create();
            CountDownLatch started = new CountDownLatch(1);
            reactor.callWhenRunning(started::countDown);
            Thread loop = new Thread(reactor::run, "socks-benchmark-reactor");
            loop.start();
            started.await();
            ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0,
                    SocksServerFactory.forReactor(reactor, SocksAccessRules.loopbackOnly(), null), 1024, "127.0.0.1"));
            int torsion = ((IPv4Address) port.getHost()).port();
            Path dir = Files.createTempDirectory("socks-benchmark");
            int dante = freePort();
            Process danted = startDante(dir, dante);
            try {
                waitForPort(dante);
                long bytes = mebibytes * 1024 * 1024;
                if (bytes > 0) {
                    transfer(dante, sink.port, Math.min(bytes, 64L << 20));
                    transfer(torsion, sink.port, Math.min(bytes, 64L << 20));
                }
                // Both servers take the same untimed connects first (twice a round: C2 was still
                // compiling ours after one), so the rounds measure compiled code.
                connects(dante, greeter.port, 2 * connects);
                connects(torsion, greeter.port, 2 * connects);
                ProcessTreeCpu danteProcess = new ProcessTreeCpu(danted.toHandle());
                List<Double> danteRates = new ArrayList<>();
                List<Double> torsionRates = new ArrayList<>();
                List<Double> danteConnects = new ArrayList<>();
                List<Double> torsionConnects = new ArrayList<>();
                List<Double> danteCpu = new ArrayList<>();
                List<Double> torsionCpu = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    if (bytes > 0) {
                        danteRates.add(transfer(dante, sink.port, bytes));
                        torsionRates.add(transfer(torsion, sink.port, bytes));
                    }
                    long danteBefore = danteProcess.nanos();
                    danteConnects.add(connects(dante, greeter.port, connects));
                    danteCpu.add((danteProcess.nanos() - danteBefore) / 1e6 * 1000 / connects);
                    long torsionBefore = serverThreadsCpuNanos();
                    torsionConnects.add(connects(torsion, greeter.port, connects));
                    torsionCpu.add((serverThreadsCpuNanos() - torsionBefore) / 1e6 * 1000 / connects);
                    System.out.printf(Locale.ROOT, "round %d: dante %.1f MiB/s %.0f connects/s %.0f CPU ms/1000, "
                            + "torsion %.1f MiB/s %.0f connects/s %.0f CPU ms/1000%n", round,
                            bytes > 0 ? danteRates.get(round - 1) : 0.0, danteConnects.get(round - 1), danteCpu.get(round - 1),
                            bytes > 0 ? torsionRates.get(round - 1) : 0.0, torsionConnects.get(round - 1),
                            torsionCpu.get(round - 1));
                }
                danteProcess.close();
                System.out.printf(Locale.ROOT, "median CPU per 1,000 connects: dante %.0f ms, torsion %.0f ms, ratio %.2f%n",
                        median(danteCpu), median(torsionCpu), median(danteCpu) / median(torsionCpu));
                if (bytes == 0) { // connects only: no throughput to give
                    danteRates.add(Double.NaN);
                    torsionRates.add(Double.NaN);
                }
                System.out.printf(Locale.ROOT, "median: throughput dante %.1f MiB/s, torsion %.1f MiB/s, ratio %.2f; "
                        + "connects dante %.0f/s, torsion %.0f/s, ratio %.2f (%d MiB, %d connects)%n",
                        median(danteRates), median(torsionRates), median(torsionRates) / median(danteRates),
                        median(danteConnects), median(torsionConnects), median(torsionConnects) / median(danteConnects),
                        mebibytes, connects);
            } finally {
                danted.descendants().forEach(ProcessHandle::destroy);
                danted.destroy();
                danted.waitFor(15, TimeUnit.SECONDS);
                reactor.blockingCallFromThread(port::stopListening);
                reactor.callFromThread(reactor::stop);
                loop.join(15_000);
            }
        }
    }

    /** Sends {@code bytes} through the proxy at {@code proxyPort}; MiB per second until the sink's count comes back. */
    private static double transfer(int proxyPort, int sinkPort, long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long start = System.nanoTime();
        try (Socket socket = through(proxyPort, sinkPort)) {
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < bytes; sent += CHUNK) {
                out.write(chunk, 0, (int) Math.min(CHUNK, bytes - sent));
            }
            socket.shutdownOutput();
            byte[] answer = socket.getInputStream().readAllBytes();
            if (!new String(answer, StandardCharsets.US_ASCII).equals(Long.toString(bytes))) {
                throw new IOException("the sink counted " + new String(answer, StandardCharsets.US_ASCII) + " of " + bytes);
            }
        }
        return bytes / 1048576.0 / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Opens {@code count} connections through the proxy one after the other, each reading the
     * greeter's byte to the end; connections per second.
     */
    private static double connects(int proxyPort, int greeterPort, int count) throws IOException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            try (Socket socket = through(proxyPort, greeterPort)) {
                if (socket.getInputStream().readAllBytes().length != 1) {
                    throw new IOException("the greeter's byte did not come through");
                }
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * CPU time (user and system) of danted and the processes it forks, from /proc. Its children
     * come and go and their time is not added to the parent's when they exit, so a sampler reads
     * every process of the tree every 20 ms and keeps each one's last figure: a child that exits
     * loses at most its last 20 ms.
     */
    private static final class ProcessTreeCpu implements AutoCloseable {
        private final ProcessHandle root;
        private final Map<Long, Long> ticksByPid = new ConcurrentHashMap<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "socks-benchmark-dante-cpu");
            thread.setDaemon(true);
            return thread;
        });

        ProcessTreeCpu(ProcessHandle root) {
            this.root = root;
            sampler.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        }

        private synchronized void sample() {
            Stream.concat(Stream.of(root), root.descendants()).forEach(process -> {
                long ticks = procTicks(process.pid());
                if (ticks > 0) {
                    ticksByPid.merge(process.pid(), ticks, Math::max);
                }
            });
        }

        /** The tree's CPU time so far, in nanoseconds. */
        synchronized long nanos() {
            sample();
            return ticksByPid.values().stream().mapToLong(Long::longValue).sum() * 10_000_000L; // USER_HZ is 100
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }

    /** utime + stime of a process from /proc, in clock ticks; 0 once it is gone. */
    private static long procTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start with the state, field 3.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException exited) {
            return 0;
        }
    }

    /**
     * CPU time of this JVM's threads except the benchmark's own client (main) and sink threads:
     * the reactor, and the GC work the server causes.
     */
    private static long serverThreadsCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || CLIENT_SIDE_THREAD.matcher(info.getThreadName()).matches()) {
                continue;
            }
            total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
        }
        return total + hiddenThreadsCpuNanos();
    }

    /**
     * GC threads are not Java threads: their CPU time comes from /proc/self/task. The JIT's are
     * left out: compiling is the warm-up's cost, not a connect's.
     */
    private static long hiddenThreadsCpuNanos() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String comm = Files.readString(task.resolve("comm")).strip();
                if (comm.startsWith("GC") || comm.startsWith("G1") || comm.startsWith("VM Thread")) {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException gone) {
            // a task that ended while read: its time is not counted
        }
        return ticks * 10_000_000L;
    }

    private static Socket through(int proxyPort, int sinkPort) throws IOException {
        Socket socket = new Socket(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", proxyPort)));
        socket.connect(new InetSocketAddress("127.0.0.1", sinkPort), 30_000);
        return socket;
    }

    /** Counts what each connection sends and answers with the count once the client half-closes. */
    private static final class Sink implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        final int port = server.getLocalPort();
        final Thread acceptor = new Thread(this::accept, "socks-benchmark-sink");

        Sink() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread counter = new Thread(() -> count(socket), "socks-benchmark-count");
                    counter.setDaemon(true);
                    counter.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private static void count(Socket socket) {
            try (socket) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[CHUNK];
                long total = 0;
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    total += n;
                }
                socket.getOutputStream().write(Long.toString(total).getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // a connection the benchmark dropped: nothing to count
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * Writes one byte to each connection and closes it first, on its accepting thread: the side
     * that closes first keeps the TIME_WAIT, and here that is the greeter's and the proxy's
     * listening ports, not ephemeral ones. (With the client closing first, each connect left two
     * ephemeral ports in TIME_WAIT for 60 s, and danted, which binds before it connects, ran out of
     * them within a run.)
     */
    private static final class Greeter implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        final int port = server.getLocalPort();
        final Thread acceptor = new Thread(this::accept, "socks-benchmark-greeter");

        Greeter() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getOutputStream().write('!');
                } catch (IOException e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** danted as the baseline; {@code child.maxidle: no} keeps its children, whose CPU time is counted, alive. */
    private static Process startDante(Path dir, int port) throws IOException {
        Path conf = dir.resolve("danted.conf");
        Files.writeString(conf, """
                logoutput: /dev/null
                child.maxidle: no
                internal: 127.0.0.1 port = %d
                external: 127.0.0.1
                socksmethod: none
                clientmethod: none
                user.unprivileged: nobody
                client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
                """.formatted(port));
        return new ProcessBuilder(DANTED.toString(), "-f", conf.toString(), "-p", dir.resolve("danted.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("danted.out").toFile()).start();
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while danted starts
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
