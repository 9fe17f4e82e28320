package dev.torsion.benchmarks.http;

import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.staticfiles.File;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Load benchmark with {@code wrk}: Torsion's HTTP server against a raw Netty {@code HttpServerCodec}
 * server on the same kind of event loop (one thread each), and against {@code twistd3 web} for
 * scale. Two workloads: a 13-byte "Hello, world!" and a 1 MiB static file (Torsion's {@code File}
 * resource, which uses the transport's sendfile, against Netty's {@code DefaultFileRegion}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.HttpLoadBenchmark [seconds] [connections] [threads] [rounds]
 * </pre>
 *
 * The machine may be shared, so the two servers are measured in interleaved rounds (raw Netty, Torsion,
 * raw Netty, Torsion, ...) after one untimed warm-up round; each round is printed, then the best and
 * the median of each server and the ratios taken from those same rounds. Defaults: 5 s, 50
 * connections, 2 wrk threads, 3 rounds.
 *
 * Needs {@code wrk} (Debian package wrk); {@code twistd3} (python3-twisted) is optional: without it
 * that row is skipped and said so.
 */
public final class HttpLoadBenchmark {
    private HttpLoadBenchmark() {
    }

    /** A leaf answering 13 bytes, as the baseline does. */
    static final class Hello extends Resource {
        // A body cannot be changed through a Rendered.Body: one serves every request.
        private static final Rendered BODY = Rendered.text("Hello, world!");

        Hello() {
            super(true);
        }

        @Override
        protected Rendered renderGET(Request request) {
            request.setHeader("Content-Type", "text/plain");
            return BODY;
        }
    }

    /** One workload's URLs on the two servers compared, and the rounds measured on each. */
    static final class Workload {
        private final String name;
        private final String nettyUrl;
        private final String torsionUrl;
        private final List<Wrk.Result> netty = new ArrayList<>();
        private final List<Wrk.Result> torsion = new ArrayList<>();

        Workload(String name, String nettyUrl, String torsionUrl) {
            this.name = name;
            this.nettyUrl = nettyUrl;
            this.torsionUrl = torsionUrl;
        }
    }

    /**
     * Runs the interleaved rounds of both workloads, then twistd3 once for scale, and prints every
     * round, the best and median of each server and their ratios.
     *
     * @param args optional: seconds per wrk run, connections, wrk threads, rounds
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("torsion-http-bench");
        byte[] big = new byte[1 << 20];
        new Random(42).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("hello"), "Hello, world!");

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread loop = new Thread(reactor::run, "torsion-reactor");
        loop.start();
        running.await(10, TimeUnit.SECONDS);
        Resource root = new Resource();
        root.putChild("hello", new Hello());
        root.putChild("static", new File(dir));
        Site site = new Site(root, ServerConfig.DEFAULT);
        ListeningPort torsion = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, site.factory(reactor), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) torsion.getHost()).port();
        boolean epoll = reactor.kind().equals("epoll");
        RawNettyHttpServer netty = new RawNettyHttpServer(epoll, dir.resolve("big.bin").toFile());

        System.out.printf(Locale.ROOT, "event loops: Torsion %s, raw Netty %s; wrk -t%d -c%d -d%ds; %d interleaved rounds%n",
                reactor.kind(), epoll ? "epoll" : "nio", threads, connections, seconds, rounds);
        String nettyBase = "http://127.0.0.1:" + netty.port();
        String torsionBase = "http://127.0.0.1:" + torsionPort;
        List<Workload> workloads = List.of(
                new Workload("hello", nettyBase + "/hello", torsionBase + "/hello"),
                new Workload("1 MiB", nettyBase + "/static/big.bin", torsionBase + "/static/big.bin"));
        for (Workload workload : workloads) {
            measureInterleaved(workload, threads, connections, seconds, rounds);
        }
        Wrk.Result twisted = null;
        Process twistd = Twistd.start(dir);
        if (twistd != null) {
            try {
                String url = "http://127.0.0.1:" + Twistd.port(twistd) + "/hello";
                Wrk.run(threads, connections, Wrk.warmup(seconds), url);
                twisted = Wrk.run(threads, connections, seconds, url);
                System.out.printf(Locale.ROOT, "hello  twistd3 web: %.0f requests/s%n", twisted.requestsPerSecond());
            } finally {
                twistd.destroy();
                twistd.waitFor(10, TimeUnit.SECONDS);
            }
        } else {
            System.out.println("twistd3 not found: the Twisted row is skipped");
        }
        netty.close();
        reactor.blockingCallFromThread(() -> torsion.stopListening());
        reactor.stop();
        loop.join(15_000);
        printSummary(workloads, twisted);
        System.out.println("command: wrk -t" + threads + " -c" + connections + " -d" + seconds
                + "s URL, per round raw Netty then Torsion, after one untimed " + Wrk.warmup(seconds) + " s warm-up round");
    }

    /** One untimed warm-up round, then {@code rounds} rounds of raw Netty followed by Torsion. */
    private static void measureInterleaved(Workload workload, int threads, int connections, int seconds, int rounds)
            throws Exception {
        Wrk.run(threads, connections, Wrk.warmup(seconds), workload.nettyUrl);
        Wrk.run(threads, connections, Wrk.warmup(seconds), workload.torsionUrl);
        for (int round = 1; round <= rounds; round++) {
            Wrk.Result netty = Wrk.run(threads, connections, seconds, workload.nettyUrl);
            Wrk.Result torsion = Wrk.run(threads, connections, seconds, workload.torsionUrl);
            workload.netty.add(netty);
            workload.torsion.add(torsion);
            System.out.printf(Locale.ROOT, "%-5s round %d: raw Netty %.0f req/s (%s/s), Torsion %.0f req/s (%s/s), ratio %.2fx%n",
                    workload.name, round, netty.requestsPerSecond(), netty.transfer(), torsion.requestsPerSecond(),
                    torsion.transfer(), torsion.requestsPerSecond() / netty.requestsPerSecond());
        }
    }

    private static void printSummary(List<Workload> workloads, Wrk.Result twisted) {
        System.out.println();
        System.out.println("| workload | raw Netty best / median req/s | Torsion best / median req/s | ratio best / median | per-round ratios |");
        System.out.println("|---|---:|---:|---:|---|");
        for (Workload workload : workloads) {
            double nettyBest = best(workload.netty);
            double nettyMedian = median(workload.netty);
            double torsionBest = best(workload.torsion);
            double torsionMedian = median(workload.torsion);
            StringBuilder perRound = new StringBuilder();
            for (int i = 0; i < workload.netty.size(); i++) {
                perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                        workload.torsion.get(i).requestsPerSecond() / workload.netty.get(i).requestsPerSecond()));
            }
            System.out.printf(Locale.ROOT, "| %s | %.0f / %.0f | %.0f / %.0f | %.2fx / %.2fx | %s |%n", workload.name,
                    nettyBest, nettyMedian, torsionBest, torsionMedian, torsionBest / nettyBest,
                    torsionMedian / nettyMedian, perRound);
        }
        if (twisted != null) {
            Workload hello = workloads.get(0);
            System.out.printf(Locale.ROOT, "hello Torsion (median) / twistd3 web = %.1fx (twistd3 %.0f req/s, one run)%n",
                    median(hello.torsion) / twisted.requestsPerSecond(), twisted.requestsPerSecond());
        }
    }

    private static double best(List<Wrk.Result> results) {
        return results.stream().mapToDouble(Wrk.Result::requestsPerSecond).max().orElse(0);
    }

    private static double median(List<Wrk.Result> results) {
        return Median.of(results.stream().mapToDouble(Wrk.Result::requestsPerSecond));
    }
}
