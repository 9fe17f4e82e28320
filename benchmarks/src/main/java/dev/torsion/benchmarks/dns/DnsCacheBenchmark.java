package dev.torsion.benchmarks.dns;

import dev.torsion.benchmarks.dns.DnsQueryBenchmark.Result;
import dev.torsion.dns.DnsLimits;
import dev.torsion.dns.client.DnsCache;
import dev.torsion.dns.client.DnsClient;
import dev.torsion.dns.client.NameServer;
import dev.torsion.dns.client.Resolver;
import dev.torsion.dns.codec.Name;
import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.ZoneAuthority;
import dev.torsion.dns.zone.ZoneFileParser;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A warm cache: dnsperf for {@code seconds} against Torsion's caching forwarder and against Unbound
 * (the baseline, forwarding to the same upstream), both warmed by one pass over the names first.
 * The upstream is Torsion's authoritative server on its own reactor, so both caches ask the same.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.dns.DnsCacheBenchmark [seconds] [names]</pre>
 */
public final class DnsCacheBenchmark {
    private DnsCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int names = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("dns-cache-bench");
        Path zone = DnsQueryBenchmark.writeZone(dir, names);
        Path queries = DnsQueryBenchmark.writeQueries(dir, names);
        NettyReactor upstreamReactor = start("dns-upstream");
        NettyReactor cacheReactor = start("dns-cache");
        try {
            DnsServer authoritative = new DnsServer(List.of(new ZoneAuthority(ZoneFileParser.load(zone, Name.parse("bench.test."),
                    DnsLimits.DEFAULTS), DnsLimits.DEFAULTS)), null, DnsLimits.DEFAULTS, peer -> false);
            int upstream = port(upstreamReactor.blockingCallFromThread(
                    () -> upstreamReactor.listenUDP(0, new DnsDatagramProtocol(authoritative), "127.0.0.1", 65535)));
            DnsLimits limits = DnsLimits.DEFAULTS;
            Resolver resolver = new Resolver(new DnsClient(cacheReactor, List.of(new NameServer("127.0.0.1", upstream)), limits),
                    null, new DnsCache(cacheReactor, names * 2, limits.maxNegativeTtl()));
            DnsServer forwarder = new DnsServer(List.of(), resolver, limits, peer -> false);
            int torsionPort = port(cacheReactor.blockingCallFromThread(
                    () -> cacheReactor.listenUDP(0, new DnsDatagramProtocol(forwarder), "127.0.0.1", 65535)));
            DnsQueryBenchmark.dnsperf(torsionPort, queries, Math.max(2, names / 5000));
            Result torsion = DnsQueryBenchmark.dnsperf(torsionPort, queries, seconds);
            Result unbound = againstUnbound(dir, upstream, queries, seconds, names);
            System.out.printf("warm cache, dnsperf %d s over %d names%n", seconds, names);
            System.out.println("  Unbound (baseline): " + unbound);
            System.out.println("  Torsion forwarder : " + torsion);
            System.out.printf("  ratio Torsion / Unbound: %.2f (target >= 0.5)%n", torsion.qps() / unbound.qps());
        } finally {
            stop(cacheReactor);
            stop(upstreamReactor);
        }
    }

    private static Result againstUnbound(Path dir, int upstream, Path queries, int seconds, int names) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("unbound.conf");
        Files.write(conf, List.of("server:", "  interface: 127.0.0.1", "  port: " + port, "  do-daemonize: no",
                "  use-syslog: no", "  logfile: \"\"", "  chroot: \"\"", "  username: \"\"", "  directory: \"" + dir + "\"",
                "  pidfile: \"\"", "  do-ip6: no", "  num-threads: 1", "  access-control: 127.0.0.0/8 allow",
                "  do-not-query-localhost: no", "  domain-insecure: \"bench.test\"", "  local-zone: \"test.\" nodefault",
                "forward-zone:", "  name: \"bench.test\"", "  forward-addr: 127.0.0.1@" + upstream,
                "remote-control:", "  control-enable: no"));
        Process unbound = new ProcessBuilder("unbound", "-d", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("unbound.out").toFile()).start();
        try {
            for (int i = 0; i < 30 && DnsQueryBenchmark.dnsperf(port, queries, 1).qps() == 0; i++) {
                if (!unbound.isAlive()) {
                    throw new IllegalStateException("unbound exited: " + Files.readString(dir.resolve("unbound.out")));
                }
            }
            DnsQueryBenchmark.dnsperf(port, queries, Math.max(2, names / 5000));
            return DnsQueryBenchmark.dnsperf(port, queries, seconds);
        } finally {
            unbound.destroy();
            unbound.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static int port(ListeningPort listening) {
        return ((IPv4Address) listening.getHost()).port();
    }

    private static NettyReactor start(String name) throws InterruptedException {
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        new Thread(reactor::run, name).start();
        running.await(30, TimeUnit.SECONDS);
        return reactor;
    }

    private static void stop(NettyReactor reactor) {
        reactor.stop();
    }

}
