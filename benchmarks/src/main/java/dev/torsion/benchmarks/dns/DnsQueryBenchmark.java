package dev.torsion.benchmarks.dns;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authoritative UDP queries per second: dnsperf (Debian's dnsperf) for {@code seconds} over a zone
 * of {@code names} A records, against {@code torsion dns}'s server on one reactor and against NSD
 * (the baseline, {@code nsd -d}) serving the same zone file, and Twisted's {@code twistd3 dns} for
 * scale, in the same run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.dns.DnsQueryBenchmark [seconds] [names]</pre>
 *
 * Prints each server's queries per second and lost queries, and the ratio (target: at least 0.5x
 * NSD with no lost queries, and at least 20x Twisted).
 */
public final class DnsQueryBenchmark {
    private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([0-9.]+)");
    private static final Pattern LOST = Pattern.compile("Queries lost:\\s+(\\d+)");
    /** dnsperf's "Response codes: NOERROR 1000 (100.00%)": a server answering errors fast is not fast. */
    private static final Pattern NOERROR = Pattern.compile("NOERROR \\d+ \\(([0-9.]+)%\\)");

    private DnsQueryBenchmark() {
    }

    /** One dnsperf run's figures. */
    record Result(double qps, long lost, double noErrorPercent) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%10.0f q/s, %d lost, %.2f%% NOERROR", qps, lost, noErrorPercent);
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int names = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path dir = Files.createTempDirectory("dns-bench");
        Path zone = writeZone(dir, names);
        Path queries = writeQueries(dir, names);

        Result torsion = againstTorsion(dir, zone, queries, seconds);
        Result nsd = againstNsd(dir, zone, queries, seconds);
        Result twisted = againstTwisted(dir, names, queries, seconds);
        System.out.printf("authoritative UDP queries, dnsperf %d s over %d names%n", seconds, names);
        System.out.println("  NSD (baseline) : " + nsd);
        System.out.println("  Torsion        : " + torsion);
        System.out.println("  Twisted (scale): " + twisted);
        System.out.printf("  ratio Torsion / NSD: %.2f (target >= 0.5, no lost queries)%n", torsion.qps() / nsd.qps());
        System.out.printf("  ratio Torsion / Twisted: %.1f (target >= 20)%n", torsion.qps() / twisted.qps());
    }

    static Path writeZone(Path dir, int names) throws IOException {
        List<String> lines = new ArrayList<>(List.of("$ORIGIN bench.test.", "$TTL 3600",
                "@ SOA ns hostmaster 1 7200 3600 1209600 300", "@ NS ns", "ns A 127.0.0.1"));
        for (int i = 0; i < names; i++) {
            lines.add("h" + i + " A 10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        Path zone = dir.resolve("bench.test.zone");
        Files.write(zone, lines, StandardCharsets.US_ASCII);
        return zone;
    }

    static Path writeQueries(Path dir, int names) throws IOException {
        List<String> lines = new ArrayList<>(names);
        for (int i = 0; i < names; i++) {
            lines.add("h" + i + ".bench.test A");
        }
        Path queries = dir.resolve("queries");
        Files.write(queries, lines, StandardCharsets.US_ASCII);
        return queries;
    }

    /**
     * dnsperf against the real {@code torsion dns} process serving the zone (from the source root:
     * {@code ./torsion} builds the distribution on first use), after a warm-up pass that lets the
     * JIT compile the query path; then a second storm of the same length, with the server's
     * resident memory read after each, to show whether it stays flat.
     */
    private static Result againstTorsion(Path dir, Path zoneFile, Path queries, int seconds) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process torsion = new ProcessBuilder("./torsion", "dns", "--port", String.valueOf(port), "--interface", "127.0.0.1",
                "--zone", "bench.test=" + zoneFile).redirectErrorStream(true)
                .redirectOutput(dir.resolve("torsion.out").toFile()).start();
        try {
            // The runner builds and starts; a 1-second dnsperf run waits for it to answer.
            for (int i = 0; i < 120 && dnsperf(port, queries, 1).qps() == 0; i++) {
                if (!torsion.isAlive()) {
                    throw new IllegalStateException("torsion dns exited: " + Files.readString(dir.resolve("torsion.out")));
                }
            }
            dnsperf(port, queries, 2);
            long before = residentKiB(torsion.pid());
            Result first = dnsperf(port, queries, seconds);
            long afterFirst = residentKiB(torsion.pid());
            Result second = dnsperf(port, queries, seconds);
            long afterSecond = residentKiB(torsion.pid());
            System.out.printf(Locale.ROOT, "  torsion dns resident memory: %d MiB after warm-up, %d MiB after one storm,"
                    + " %d MiB after a second (%s)%n", before / 1024, afterFirst / 1024, afterSecond / 1024, second);
            return first;
        } finally {
            torsion.destroy();
            torsion.waitFor(15, TimeUnit.SECONDS);
        }
    }

    /** VmRSS of a process, from /proc. */
    private static long residentKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static Result againstNsd(Path dir, Path zone, Path queries, int seconds) throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("nsd.conf");
        Files.write(conf, List.of("server:", "  ip-address: 127.0.0.1@" + port, "  server-count: 1",
                "  username: \"\"", "  chroot: \"\"", "  zonesdir: \"" + dir + "\"", "  database: \"\"",
                "  zonelistfile: \"" + dir.resolve("zone.list") + "\"", "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"", "  logfile: \"" + dir.resolve("nsd.log") + "\"",
                "remote-control:", "  control-enable: no",
                "zone:", "  name: bench.test", "  zonefile: \"" + zone + "\""));
        Process nsd = new ProcessBuilder("nsd", "-d", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nsd.out").toFile()).start();
        try {
            // NSD loads the zone before it answers; a 1-second dnsperf run waits for it.
            for (int i = 0; i < 30 && dnsperf(port, queries, 1).qps() == 0; i++) {
                if (!nsd.isAlive()) {
                    throw new IllegalStateException("nsd exited: " + Files.readString(dir.resolve("nsd.out")));
                }
            }
            return dnsperf(port, queries, seconds);
        } finally {
            nsd.destroy();
            nsd.waitFor(15, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code twistd3 dns --pyzone} (Debian's python3-twisted; its {@code --bindzone} is broken in
     * 22.4) with the same names; NaN figures when twistd3 is not installed.
     */
    private static Result againstTwisted(Path dir, int names, Path queries, int seconds) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/twistd3"))) {
            return new Result(Double.NaN, -1, Double.NaN);
        }
        List<String> lines = new ArrayList<>(List.of("zone = [",
                "    SOA('bench.test', mname='ns.bench.test', rname='hostmaster.bench.test', serial=1, refresh=7200,"
                        + " retry=3600, expire=1209600, minimum=300, ttl=3600),",
                "    NS('bench.test', 'ns.bench.test'),", "    A('ns.bench.test', '127.0.0.1'),"));
        for (int i = 0; i < names; i++) {
            lines.add("    A('h" + i + ".bench.test', '10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "'),");
        }
        lines.add("]");
        Path pyzone = dir.resolve("bench.pyzone");
        Files.write(pyzone, lines, StandardCharsets.US_ASCII);
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process twistd = new ProcessBuilder("/usr/bin/twistd3", "-n", "--pidfile=", "dns", "--interface", "127.0.0.1",
                "--port", String.valueOf(port), "--pyzone", pyzone.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("twistd.out").toFile()).start();
        try {
            for (int i = 0; i < 30 && dnsperf(port, queries, 1).qps() == 0; i++) {
                if (!twistd.isAlive()) {
                    throw new IllegalStateException("twistd3 exited: " + Files.readString(dir.resolve("twistd.out")));
                }
            }
            return dnsperf(port, queries, seconds);
        } finally {
            twistd.destroy();
            twistd.waitFor(15, TimeUnit.SECONDS);
        }
    }

    static Result dnsperf(int port, Path queries, int seconds) throws Exception {
        Process perf = new ProcessBuilder("dnsperf", "-s", "127.0.0.1", "-p", String.valueOf(port), "-d", queries.toString(),
                "-l", String.valueOf(seconds), "-t", "2").redirectErrorStream(true).start();
        String out = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        perf.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher qps = QPS.matcher(out);
        Matcher lost = LOST.matcher(out);
        if (!qps.find() || !lost.find()) {
            throw new IllegalStateException("dnsperf said:\n" + out);
        }
        Matcher noError = NOERROR.matcher(out);
        double noErrorPercent = noError.find() ? Double.parseDouble(noError.group(1)) : 0;
        return new Result(Double.parseDouble(qps.group(1)), Long.parseLong(lost.group(1)), noErrorPercent);
    }
}
