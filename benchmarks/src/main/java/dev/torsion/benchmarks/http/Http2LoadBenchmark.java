package dev.torsion.benchmarks.http;

import dev.torsion.http.h2.Http2Limits;
import dev.torsion.http.h2.server.Http2ServerFactory;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/2 load with {@code h2load -n N -c 10 -m 10} on the 13-byte hello: Torsion's HTTP/2 server
 * ({@code Http2ServerFactory}, the same {@code Resource} as HTTP/1.1) against a raw Netty
 * {@code Http2FrameCodec}/{@code Http2MultiplexHandler} server, one event-loop thread each, in
 * interleaved rounds after an untimed warm-up; prints each round, the medians and their ratio, and
 * beside each rate the CPU time its server's event-loop thread spent per request (from
 * {@code ThreadMXBean}), which a busy machine moves much less than the rates.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.Http2LoadBenchmark [requests] [rounds]
 * </pre>
 *
 * Defaults: 200,000 requests, 3 rounds. Needs {@code h2load} (Debian nghttp2-client).
 */
public final class Http2LoadBenchmark {
    private static final Pattern RATE = Pattern.compile("finished in [0-9.]+m?s, ([0-9.]+) req/s");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Http2LoadBenchmark() {
    }

    /**
     * Runs the comparison.
     *
     * @param args optional: requests per run, rounds
     */
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        Thread loop = new Thread(reactor::run, "torsion-reactor");
        loop.start();
        started.await(10, TimeUnit.SECONDS);
        Resource root = new Resource();
        root.putChild("hello", new HttpLoadBenchmark.Hello());
        Site site = new Site(root);
        ListeningPort torsion = reactor.blockingCallFromThread(() -> reactor.listenTCP(0,
                Http2ServerFactory.forSite(site, reactor, false, Http2Limits.DEFAULT), 1024, "127.0.0.1"));
        String torsionUrl = "http://127.0.0.1:" + ((IPv4Address) torsion.getHost()).port() + "/hello";
        long torsionThread = reactor.blockingCallFromThread(() -> Thread.currentThread().getId());
        try (RawNettyHttp2Server netty = new RawNettyHttp2Server(Epoll.isAvailable())) {
            String nettyUrl = "http://127.0.0.1:" + netty.port() + "/hello";
            long nettyThread = netty.eventLoopThreadId();
            h2load(requests / 10, nettyUrl);
            h2load(requests / 10, torsionUrl);
            List<Double> nettyRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            List<Double> nettyCpu = new ArrayList<>();
            List<Double> torsionCpu = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                long before = THREADS.getThreadCpuTime(nettyThread);
                nettyRates.add(h2load(requests, nettyUrl));
                nettyCpu.add((THREADS.getThreadCpuTime(nettyThread) - before) / 1e3 / requests);
                before = THREADS.getThreadCpuTime(torsionThread);
                torsionRates.add(h2load(requests, torsionUrl));
                torsionCpu.add((THREADS.getThreadCpuTime(torsionThread) - before) / 1e3 / requests);
                System.out.printf(Locale.ROOT, "round %d: raw Netty %.0f req/s (%.2f us CPU/req), Torsion %.0f req/s (%.2f us CPU/req)%n",
                        round, nettyRates.get(round - 1), nettyCpu.get(round - 1), torsionRates.get(round - 1), torsionCpu.get(round - 1));
            }
            double nettyMedian = Median.of(nettyRates.stream().mapToDouble(Double::doubleValue));
            double torsionMedian = Median.of(torsionRates.stream().mapToDouble(Double::doubleValue));
            double nettyCpuMedian = Median.of(nettyCpu.stream().mapToDouble(Double::doubleValue));
            double torsionCpuMedian = Median.of(torsionCpu.stream().mapToDouble(Double::doubleValue));
            System.out.printf(Locale.ROOT, "h2load -n %d -c 10 -m 10, 13 bytes: raw Netty %.0f req/s, Torsion %.0f req/s (%.2fx)%n",
                    requests, nettyMedian, torsionMedian, torsionMedian / nettyMedian);
            System.out.printf(Locale.ROOT, "event-loop CPU per request: raw Netty %.2f us, Torsion %.2f us (%.2fx the baseline's)%n",
                    nettyCpuMedian, torsionCpuMedian, torsionCpuMedian / nettyCpuMedian);
        } finally {
            reactor.blockingCallFromThread(() -> {
                torsion.stopListening();
                return null;
            });
            reactor.callFromThread(reactor::stop);
            loop.join(15_000);
        }
    }

    private static double h2load(int requests, String url) throws Exception {
        Process process = new ProcessBuilder("h2load", "-n", Integer.toString(requests), "-c", "10", "-m", "10", url)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !output.contains(requests + " succeeded")) {
            throw new IOException("h2load failed on " + url + ":\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IOException("cannot read h2load's output:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
