package dev.torsion.benchmarks.http;

import dev.torsion.benchmarks.http.UploadClient.Framing;
import dev.torsion.http.client.Agent;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.ReverseProxyResource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Upload throughput: Torsion's streamed request bodies ({@link ByteCounter}, a resource that counts
 * the bytes as they arrive and answers the count) against a raw Netty {@code HttpServerCodec}
 * handler counting {@code HttpContent} bytes without aggregation ({@link RawNettyHttpServer}'s
 * {@code /upload}), each on one event-loop thread of the same kind. Three workloads:
 * Content-Length bodies, chunked bodies, and Content-Length bodies through a streaming reverse
 * proxy: {@link ReverseProxyResource} in front of the Torsion counter (both on the one reactor
 * thread) against {@link RawNettyProxy} in front of the raw Netty counter (both on the one raw
 * Netty event-loop thread). After the table, what the proxy costs each server is printed: its
 * proxied median over its own direct Content-Length median.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.http.HttpUploadBenchmark [connections] [MiB per body] [requests per connection] [rounds]
 * </pre>
 *
 * The load is {@link UploadClient}: blocking sockets in this JVM, one thread each, writing from
 * one array, so a round costs no process start and no file reads. As in {@link HttpLoadBenchmark}
 * the servers are measured in interleaved rounds (raw Netty, Torsion, ...) after one untimed
 * warm-up round of each, as long as a measured one; every round is printed, then the best and the
 * median of each server and the ratios. Defaults: 4 connections, 256 MiB bodies, 2 requests per
 * connection (over keep-alive), 3 rounds. A count that differs from the bytes sent fails the run.
 */
public final class HttpUploadBenchmark {
    private HttpUploadBenchmark() {
    }

    /** One workload: where each server takes it, the framing, and the rounds measured (bytes/s). */
    static final class Workload {
        private final String name;
        private final int nettyPort;
        private final String torsionPath;
        private final Framing framing;
        private final List<Double> netty = new ArrayList<>();
        private final List<Double> torsion = new ArrayList<>();

        Workload(String name, int nettyPort, String torsionPath, Framing framing) {
            this.name = name;
            this.nettyPort = nettyPort;
            this.torsionPath = torsionPath;
            this.framing = framing;
        }
    }

    /**
     * Runs the interleaved rounds of the three workloads and prints every round, the best and
     * median of each server and their ratios.
     *
     * @param args optional: connections, MiB per body, requests per connection, rounds
     */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int mebibytes = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread loop = new Thread(reactor::run, "torsion-reactor");
        loop.start();
        running.await(10, TimeUnit.SECONDS);
        ServerConfig unlimited = ServerConfig.DEFAULT.withMaxBodySize(Long.MAX_VALUE);
        Resource root = new Resource();
        root.putChild("count", new ByteCounter());
        Site site = new Site(root, unlimited);
        ListeningPort torsion = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, site.factory(reactor), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) torsion.getHost()).port();
        // The proxy forwards /proxy/count to this same site's /count, on the same reactor thread.
        reactor.blockingCallFromThread(() -> {
            root.putChild("proxy", new ReverseProxyResource(new Agent(reactor), "http://127.0.0.1:" + torsionPort));
            return null;
        });
        boolean epoll = reactor.kind().equals("epoll");
        RawNettyHttpServer netty = new RawNettyHttpServer(epoll, null);
        // The raw Netty proxy shares the counter's one event-loop thread, as Torsion's share the reactor.
        RawNettyProxy nettyProxy = new RawNettyProxy(netty.eventLoop(), epoll, netty.port());

        System.out.printf(Locale.ROOT, "event loops: Torsion %s, raw Netty %s; %d connections x %d PUTs of %d MiB each per round"
                + " (%d MiB a round); %d interleaved rounds after one warm-up round%n", reactor.kind(),
                epoll ? "epoll" : "nio", connections, requests, mebibytes,
                (long) connections * requests * mebibytes, rounds);
        List<Workload> workloads = List.of(
                new Workload("Content-Length", netty.port(), "/count", Framing.CONTENT_LENGTH),
                new Workload("chunked", netty.port(), "/count", Framing.CHUNKED),
                new Workload("proxied Content-Length", nettyProxy.port(), "/proxy/count", Framing.CONTENT_LENGTH));
        try (UploadClient client = new UploadClient(connections, requests, (long) mebibytes << 20)) {
            for (Workload workload : workloads) {
                measureInterleaved(client, workload, torsionPort, rounds);
            }
        } finally {
            nettyProxy.close();
            netty.close();
            reactor.blockingCallFromThread(() -> torsion.stopListening());
            reactor.stop();
            loop.join(15_000);
        }
        printSummary(workloads);
        printProxyCost(workloads.get(0), workloads.get(2));
        System.out.println("command: java -cp benchmarks/target/benchmarks.jar " + HttpUploadBenchmark.class.getName()
                + " " + connections + " " + mebibytes + " " + requests + " " + rounds);
    }

    /** One untimed warm-up round of each server, then {@code rounds} rounds of raw Netty followed by Torsion. */
    private static void measureInterleaved(UploadClient client, Workload workload, int torsionPort, int rounds)
            throws Exception {
        client.round(workload.nettyPort, "/upload", workload.framing);
        client.round(torsionPort, workload.torsionPath, workload.framing);
        for (int round = 1; round <= rounds; round++) {
            double netty = client.round(workload.nettyPort, "/upload", workload.framing);
            double torsion = client.round(torsionPort, workload.torsionPath, workload.framing);
            workload.netty.add(netty);
            workload.torsion.add(torsion);
            System.out.printf(Locale.ROOT, "%-22s round %d: raw Netty %.0f MiB/s, Torsion %.0f MiB/s, ratio %.2fx%n",
                    workload.name, round, mib(netty), mib(torsion), torsion / netty);
        }
    }

    private static void printSummary(List<Workload> workloads) {
        System.out.println();
        System.out.println("| workload | raw Netty best / median MiB/s | Torsion best / median MiB/s | ratio best / median | per-round ratios |");
        System.out.println("|---|---:|---:|---:|---|");
        for (Workload workload : workloads) {
            StringBuilder perRound = new StringBuilder();
            for (int i = 0; i < workload.netty.size(); i++) {
                perRound.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f",
                        workload.torsion.get(i) / workload.netty.get(i)));
            }
            double nettyBest = best(workload.netty);
            double nettyMedian = median(workload.netty);
            double torsionBest = best(workload.torsion);
            double torsionMedian = median(workload.torsion);
            System.out.printf(Locale.ROOT, "| %s | %.0f / %.0f | %.0f / %.0f | %.2fx / %.2fx | %s |%n", workload.name,
                    mib(nettyBest), mib(nettyMedian), mib(torsionBest), mib(torsionMedian), torsionBest / nettyBest,
                    torsionMedian / nettyMedian, perRound);
        }
    }

    /**
     * What streaming through the proxy costs each server (its proxied median over its direct
     * Content-Length median), and the comparison this benchmark printed before it had a raw Netty
     * proxy: Torsion proxied against the raw Netty counter alone (a different job, other rounds).
     */
    private static void printProxyCost(Workload direct, Workload proxied) {
        System.out.println();
        System.out.printf(Locale.ROOT, "proxy cost (proxied median / direct Content-Length median): raw Netty %.2fx,"
                + " Torsion %.2fx%n", median(proxied.netty) / median(direct.netty),
                median(proxied.torsion) / median(direct.torsion));
        System.out.printf(Locale.ROOT, "old comparison, not the same job: Torsion proxied median / raw Netty direct"
                + " Content-Length median %.2fx%n", median(proxied.torsion) / median(direct.netty));
    }

    private static double mib(double bytesPerSecond) {
        return bytesPerSecond / (1 << 20);
    }

    private static double best(List<Double> rates) {
        return rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static double median(List<Double> rates) {
        return Median.of(rates.stream().mapToDouble(Double::doubleValue));
    }
}
