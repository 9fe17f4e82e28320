package dev.torsion.benchmarks.sip;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.NettyReactor;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.parse.NameAddress;
import dev.torsion.sip.proxy.SipServer;
import dev.torsion.sip.registrar.Binding;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls per second through a stateful SIP proxy: SIPp's built-in UAC (INVITE, ACK, BYE) calling
 * SIPp's built-in UAS through Torsion's proxy on one reactor, and through Kamailio (the baseline,
 * {@code kamailio -DD} with one UDP worker, tm and rr: a plain stateful proxy) in the same run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.sip.SipProxyBenchmark [seconds] [rates] [which] [warm-up seconds]</pre>
 *
 * Each proxy is warmed up at 200 calls/s (10 s unless told: on a machine with more runnable
 * threads than cores the JVM's C2 compiler takes as much CPU as the proxy's reactor for half a
 * minute, and the proxy's first steps measure the compiler), then offered each rate of the
 * comma-separated {@code rates} (calls per second, SIPp's {@code -r}) for {@code seconds} (default
 * 40: longer than the 32 s that finished transactions linger, so the transaction table reaches its
 * steady size), stopping at the first rate where a call fails. Prints, per rate, the calls completed
 * per second, the failed calls, the proxy's CPU time per call (user and system, its JVM or all
 * of Kamailio's processes) and the datagrams the kernel dropped because the proxy's and the UAS's
 * socket receive buffers were full ({@code /proc/net/udp}'s drops: a proxy that falls behind loses
 * answers there, and its INVITE retransmission 500 ms later fails the call at SIPp's UAS), then the
 * highest rate each proxy sustained with no failed call (target: Torsion at least 0.5x Kamailio). {@code which} is {@code both} (default), {@code torsion} or
 * {@code kamailio}. SIPp's error logs ({@code -trace_err}) stay in the directory printed first.
 * Needs the Debian packages sip-tester and kamailio.
 */
public final class SipProxyBenchmark {
    private static final String LOOP = "127.0.0.1";
    private static final Pattern SUCCESSFUL = Pattern.compile("Successful call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Pattern FAILED = Pattern.compile("Failed call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    /** A cold JVM compiles the call path at this modest rate first (Kamailio gets the same). */
    private static final int WARMUP_RATE = 200;
    private static final int DEFAULT_WARMUP_SECONDS = 10;
    /** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private SipProxyBenchmark() {
    }

    /** One SIPp run at one offered rate; the drops are the proxy's and the UAS's receive-buffer overflows. */
    record Step(int rate, int successful, int failed, double seconds, double cpuSeconds, long proxyDrops, long uasDrops) {
        double callsPerSecond() {
            return successful / seconds;
        }

        double cpuMicrosPerCall() {
            return successful + failed == 0 ? 0 : cpuSeconds * 1e6 / (successful + failed);
        }

        String line() {
            return String.format("    offered %5d/s: %8.0f calls/s, %6d failed, proxy CPU %6.0f us per call,"
                    + " datagrams dropped at the proxy %d, at the UAS %d",
                    rate, callsPerSecond(), failed, cpuMicrosPerCall(), proxyDrops, uasDrops);
        }
    }

    /** A proxy under test: its port and a reading of its CPU time. */
    private interface Proxy extends AutoCloseable {
        int port();

        double cpuSeconds() throws IOException;

        /** Stops the proxy, waiting up to 15 s. */
        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int[] rates = Arrays.stream((args.length > 1 ? args[1] : "200,400,1000,2000,4000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String which = args.length > 2 ? args[2] : "both";
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_WARMUP_SECONDS;
        Path dir = Files.createTempDirectory("sip-bench");
        System.out.println("SIPp logs in " + dir);
        List<Step> torsion = which.equals("kamailio") ? List.of() : run(dir, "torsion", seconds, rates, warmup);
        List<Step> kamailio = which.equals("torsion") ? List.of() : run(dir, "kamailio", seconds, rates, warmup);
        System.out.printf("calls through a stateful proxy, SIPp uac -> proxy -> SIPp uas, %d s per rate%n", seconds);
        report("Kamailio (baseline)", kamailio);
        report("Torsion", torsion);
        int best = sustained(torsion);
        int baseline = sustained(kamailio);
        if (!torsion.isEmpty() && !kamailio.isEmpty()) {
            System.out.printf("  sustained with 0 failed: Torsion %d calls/s, Kamailio %d calls/s, ratio %.2f"
                    + " (target >= 0.5)%n", best, baseline, baseline == 0 ? 0.0 : (double) best / baseline);
        }
    }

    private static void report(String name, List<Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        System.out.printf("  %s: sustained %d calls/s with 0 failed%n", name, sustained(steps));
        steps.forEach(step -> System.out.println(step.line()));
    }

    /** The highest offered rate that completed with no failed call (0: none did). */
    private static int sustained(List<Step> steps) {
        int best = 0;
        for (Step step : steps) {
            if (step.failed() == 0 && step.successful() > 0) {
                best = Math.max(best, step.rate());
            }
        }
        return best;
    }

    private static List<Step> run(Path dir, String name, int seconds, int[] rates, int warmupSeconds) throws Exception {
        int uasPort = freeUdpPort();
        Process uas = uas(dir, uasPort, name);
        try (Proxy proxy = name.equals("torsion") ? torsion(uasPort) : kamailio(dir, uasPort)) {
            Step warmup = step(dir, proxy, uasPort, name + "-warmup", WARMUP_RATE, warmupSeconds);
            System.out.println(name + " warm-up (not counted): " + warmup.line().strip());
            List<Step> steps = new ArrayList<>();
            for (int rate : rates) {
                Step step = step(dir, proxy, uasPort, name + "-" + rate, rate, seconds);
                System.out.println(name + ": " + step.line().strip());
                steps.add(step);
                if (step.failed() > 0) {
                    break;
                }
            }
            return steps;
        } finally {
            uas.destroy();
            uas.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Torsion's proxy on one reactor in this JVM; its CPU time is this process's. */
    private static Proxy torsion(int uasPort) throws Exception {
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread thread = new Thread(reactor::run, "sip-bench-reactor");
        thread.start();
        running.await(30, TimeUnit.SECONDS);
        MemoryLocationService locations = new MemoryLocationService();
        ListeningPort port = reactor.blockingCallFromThread(() -> {
            SipServer server = new SipServer(reactor, reactor, "example.org", LOOP, SipLimits.DEFAULTS,
                    TimerSettings.DEFAULTS, locations, null);
            // The UAS's binding, as a REGISTER would leave it, for the whole run.
            locations.store("sip:bench@example.org", List.of(new Binding(NameAddress.parse(
                    "<sip:bench@" + LOOP + ":" + uasPort + ">", "Contact"), 1.0,
                    reactor.nanoTime() + Duration.ofHours(1).toNanos(), "bench", 1)));
            return server.listenUdp(0, LOOP);
        });
        int proxyPort = ((IPv4Address) port.getHost()).port();
        long pid = ProcessHandle.current().pid();
        return new Proxy() {
            @Override
            public int port() {
                return proxyPort;
            }

            @Override
            public double cpuSeconds() throws IOException {
                return cpuSecondsOf(List.of(pid));
            }

            @Override
            public void close() {
                reactor.stop();
                try {
                    thread.join(Duration.ofSeconds(15).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Kamailio as a plain stateful proxy with one UDP worker; its CPU time is all its processes'. */
    private static Proxy kamailio(Path dir, int uasPort) throws Exception {
        int proxyPort = freeUdpPort();
        Path cfg = dir.resolve("kamailio.cfg");
        Files.write(cfg, List.of("#!KAMAILIO", "debug=1", "log_stderror=yes", "children=1",
                "listen=udp:" + LOOP + ":" + proxyPort, "mpath=\"/usr/lib/x86_64-linux-gnu/kamailio/modules/\"",
                "loadmodule \"tm.so\"", "loadmodule \"sl.so\"", "loadmodule \"rr.so\"", "loadmodule \"maxfwd.so\"",
                "loadmodule \"pv.so\"", "loadmodule \"textops.so\"",
                "request_route {",
                "  if (!mf_process_maxfwd_header(\"10\")) { sl_send_reply(\"483\", \"Too Many Hops\"); exit; }",
                "  $du = \"sip:" + LOOP + ":" + uasPort + "\";",
                "  if (is_method(\"ACK\") && !t_check_trans()) { forward(); exit; }",
                "  if (is_method(\"INVITE\")) { record_route(); }",
                "  t_relay();",
                "}"));
        // -m: 1 GiB of shared memory for transactions (the default 64 MiB runs out near 600 calls/s: "out of mem" in
        // t_newtran, every later call refused), as much as Torsion's full transaction table may take of its heap.
        Process kamailio = new ProcessBuilder("kamailio", "-DD", "-E", "-m", "1024", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kamailio.out").toFile()).start();
        Thread.sleep(1000); // its workers fork and bind
        if (!kamailio.isAlive()) {
            throw new IllegalStateException("kamailio did not start: " + dir.resolve("kamailio.out"));
        }
        return new Proxy() {
            @Override
            public int port() {
                return proxyPort;
            }

            @Override
            public double cpuSeconds() throws IOException {
                List<Long> pids = new ArrayList<>();
                pids.add(kamailio.pid());
                kamailio.descendants().forEach(child -> pids.add(child.pid()));
                return cpuSecondsOf(pids);
            }

            @Override
            public void close() {
                kamailio.destroy();
                try {
                    kamailio.waitFor(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** User and system time of {@code pids} from /proc/PID/stat (fields 14 and 15). */
    private static double cpuSecondsOf(List<Long> pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                continue;
            }
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static Process uas(Path dir, int port, String name) throws IOException {
        return new ProcessBuilder("sipp", "-sn", "uas", "-i", LOOP, "-p", String.valueOf(port), "-nostdin",
                "-trace_err", "-error_file", dir.resolve(name + "-uas-errors.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-uas.out").toFile()).start();
    }

    /**
     * Runs SIPp's UAC at {@code rate} for {@code seconds} worth of calls, to its end: the calls
     * completed per second of wall-clock time, the failed calls SIPp counted, the proxy's CPU time.
     */
    private static Step step(Path dir, Proxy proxy, int uasPort, String name, int rate, int seconds) throws Exception {
        int calls = rate * seconds;
        Path out = dir.resolve(name + "-uac.out");
        double cpuBefore = proxy.cpuSeconds();
        long proxyDropsBefore = udpDrops(proxy.port());
        long uasDropsBefore = udpDrops(uasPort);
        long start = System.nanoTime();
        Process uac = new ProcessBuilder("sipp", "-sn", "uac", "-s", "bench", "-i", LOOP, "-p",
                String.valueOf(freeUdpPort()), "-m", String.valueOf(calls), "-r", String.valueOf(rate),
                "-l", String.valueOf(Math.max(2000, rate * 5)), "-timeout", (seconds * 3 + 60) + "s",
                "-recv_timeout", "10000", "-nostdin",
                "-trace_err", "-error_file", dir.resolve(name + "-uac-errors.log").toString(), LOOP + ":" + proxy.port())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!uac.waitFor(seconds * 3L + 120, TimeUnit.SECONDS)) {
            uac.destroyForcibly();
            throw new IllegalStateException("sipp did not finish: " + out);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = proxy.cpuSeconds() - cpuBefore;
        String screen = Files.readString(out);
        int successful = lastCount(SUCCESSFUL, screen);
        int failed = lastCount(FAILED, screen);
        if (successful + failed < calls) {
            failed = calls - successful; // calls SIPp never finished count as failed
        }
        return new Step(rate, successful, failed, elapsed, cpu, udpDrops(proxy.port()) - proxyDropsBefore,
                udpDrops(uasPort) - uasDropsBefore);
    }

    /**
     * The datagrams the kernel has dropped for the UDP socket bound to {@code port} on loopback:
     * the last column of its line in {@code /proc/net/udp} (local address {@code 0100007F:PORT} in
     * hex), which counts receive-buffer overflows; 0 when there is no such socket.
     */
    static long udpDrops(int port) throws IOException {
        String local = String.format("0100007F:%04X", port);
        for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 12 && fields[1].equals(local)) {
                return Long.parseLong(fields[fields.length - 1]);
            }
        }
        return 0;
    }

    /** The cumulative count of SIPp's last statistics screen, or 0 when it printed none. */
    private static int lastCount(Pattern pattern, String screen) {
        Matcher matcher = pattern.matcher(screen);
        int count = 0;
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }
}
