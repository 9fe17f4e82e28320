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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls per second through a stateful SIP proxy: SIPp's built-in UAC (INVITE, ACK, BYE) calling
 * SIPp's built-in UAS through Torsion's proxy on one reactor, and through Kamailio (the baseline,
 * {@code kamailio -DD} with one UDP worker, tm and rr: a plain stateful proxy) in the same run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.sip.SipProxyBenchmark [calls] [rate]</pre>
 *
 * Prints each proxy's calls per second and whether SIPp counted failed calls (target: at least
 * 0.5x Kamailio with no failed call). Needs the Debian packages sip-tester and kamailio.
 */
public final class SipProxyBenchmark {
    private static final String LOOP = "127.0.0.1";

    private SipProxyBenchmark() {
    }

    /** One SIPp run: calls completed per second, and SIPp's exit status (0: no failed call). */
    record Result(double callsPerSecond, int sippExit) {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path dir = Files.createTempDirectory("sip-bench");
        Result torsion = againstTorsion(dir, calls, rate);
        Result kamailio = againstKamailio(dir, calls, rate);
        System.out.printf("calls through a stateful proxy, SIPp uac -> proxy -> SIPp uas, %d calls at up to %d/s%n", calls, rate);
        System.out.printf("  Kamailio (baseline): %8.0f calls/s, sipp exit %d%n", kamailio.callsPerSecond(), kamailio.sippExit());
        System.out.printf("  Torsion            : %8.0f calls/s, sipp exit %d%n", torsion.callsPerSecond(), torsion.sippExit());
        System.out.printf("  ratio Torsion / Kamailio: %.2f (target >= 0.5 with no failed call)%n",
                torsion.callsPerSecond() / kamailio.callsPerSecond());
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Result againstTorsion(Path dir, int calls, int rate) throws Exception {
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread thread = new Thread(reactor::run, "sip-bench-reactor");
        thread.start();
        running.await(30, TimeUnit.SECONDS);
        int uasPort = freeUdpPort();
        Process uas = uas(dir, uasPort, calls + calls / 10, "torsion");
        try {
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
            uac(dir, proxyPort, calls / 10, rate, "torsion-warmup"); // the JIT compiles the call path
            return uac(dir, proxyPort, calls, rate, "torsion");
        } finally {
            uas.destroy();
            uas.waitFor(15, TimeUnit.SECONDS);
            reactor.stop();
            thread.join(Duration.ofSeconds(15).toMillis());
        }
    }

    private static Result againstKamailio(Path dir, int calls, int rate) throws Exception {
        int proxyPort = freeUdpPort();
        int uasPort = freeUdpPort();
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
        Process kamailio = new ProcessBuilder("kamailio", "-DD", "-E", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("kamailio.out").toFile()).start();
        Process uas = uas(dir, uasPort, calls + calls / 10, "kamailio");
        try {
            uac(dir, proxyPort, calls / 10, rate, "kamailio-warmup");
            return uac(dir, proxyPort, calls, rate, "kamailio");
        } finally {
            uas.destroy();
            uas.waitFor(15, TimeUnit.SECONDS);
            kamailio.destroy();
            kamailio.waitFor(15, TimeUnit.SECONDS);
        }
    }

    private static Process uas(Path dir, int port, int calls, String name) throws IOException {
        return new ProcessBuilder("sipp", "-sn", "uas", "-i", LOOP, "-p", String.valueOf(port), "-m", String.valueOf(calls),
                "-nostdin").redirectErrorStream(true).redirectOutput(dir.resolve(name + "-uas.out").toFile()).start();
    }

    /** Runs SIPp's UAC to its end and measures completed calls per second of wall-clock time. */
    private static Result uac(Path dir, int proxyPort, int calls, int rate, String name) throws Exception {
        long start = System.nanoTime();
        Process uac = new ProcessBuilder("sipp", "-sn", "uac", "-s", "bench", "-i", LOOP, "-p",
                String.valueOf(freeUdpPort()), "-m", String.valueOf(calls), "-r", String.valueOf(rate), "-l", "2000",
                "-timeout", "300s", "-nostdin", LOOP + ":" + proxyPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-uac.out").toFile()).start();
        if (!uac.waitFor(10, TimeUnit.MINUTES)) {
            uac.destroyForcibly();
            throw new IllegalStateException("sipp did not finish: " + dir.resolve(name + "-uac.out"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(calls / seconds, uac.exitValue());
    }
}
