package dev.torsion.benchmarks.xmpp;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.xmpp.Jid;
import dev.torsion.xmpp.XmppLimits;
import dev.torsion.xmpp.client.XmppClient;
import dev.torsion.xmpp.client.XmppClientConfig;
import dev.torsion.xmpp.client.XmppClientListener;
import dev.torsion.xmpp.server.XmppRealm;
import dev.torsion.xmpp.server.XmppServer;
import dev.torsion.xmpp.server.XmppServerConfig;
import dev.torsion.xmpp.server.XmppServerFactory;
import dev.torsion.xmpp.server.roster.MemoryRosterStore;
import dev.torsion.xmpp.stream.XmlElement;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Chat messages per second between logged-in clients: Torsion's XMPP server against Prosody (the
 * baseline, the same job) in interleaved rounds after an untimed warm-up. The load is the same for
 * both: pairs of Torsion's XMPP client, logged in with SCRAM-SHA-256 on plain TCP (TLS would
 * measure the cipher), each sender sending its share of messages to its partner's full JID; a
 * round ends when every message has arrived. Prints each round, the medians and their ratio (the
 * issue's target: Torsion at least 2x Prosody).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.xmpp.XmppMessageBenchmark [messages] [pairs] [rounds]
 * </pre>
 *
 * Defaults: 20,000 messages, 10 pairs, 3 rounds. Needs {@code /usr/bin/prosody} (Debian's package).
 */
public final class XmppMessageBenchmark {
    private static final String PASSWORD = "secret";
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private XmppMessageBenchmark() {
    }

    /** Counts the messages a receiver got. */
    private static final class Counter implements XmppClientListener {
        private final CountDownLatch arrived;

        Counter(CountDownLatch arrived) {
            this.arrived = arrived;
        }

        @Override
        public void messageReceived(XmlElement message) {
            arrived.countDown();
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        NettyReactor reactor = NettyReactor.create();
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        Thread loop = new Thread(reactor::run, "xmpp-benchmark-reactor");
        loop.start();
        started.await(30, TimeUnit.SECONDS);
        Path directory = Files.createTempDirectory("xmpp-benchmark");
        ListeningPort torsion = reactor.blockingCallFromThread(() -> startTorsion(reactor, pairs));
        int torsionPort = ((IPv4Address) torsion.getHost()).port();
        int prosodyPort = FreePorts.tcp();
        Process prosody = startProsody(directory, prosodyPort, pairs);
        try {
            run(reactor, prosodyPort, messages / 10, pairs); // warm-up, untimed
            run(reactor, torsionPort, messages / 10, pairs);
            List<Double> prosodyRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double baseline = run(reactor, prosodyPort, messages, pairs);
                double ours = run(reactor, torsionPort, messages, pairs);
                prosodyRates.add(baseline);
                torsionRates.add(ours);
                System.out.printf(Locale.ROOT, "round %d: prosody %.0f msg/s, torsion %.0f msg/s%n", round, baseline, ours);
            }
            double prosodyMedian = median(prosodyRates);
            double torsionMedian = median(torsionRates);
            System.out.printf(Locale.ROOT, "median: prosody %.0f msg/s, torsion %.0f msg/s, ratio %.2fx (%d messages, %d pairs)%n",
                    prosodyMedian, torsionMedian, torsionMedian / prosodyMedian, messages, pairs);
        } finally {
            prosody.destroy();
            prosody.waitFor(10, TimeUnit.SECONDS);
            reactor.blockingCallFromThread(torsion::stopListening);
            reactor.callFromThread(reactor::stop);
            loop.join(15_000);
        }
    }

    private static ListeningPort startTorsion(NettyReactor reactor, int pairs) {
        InMemoryUsernamePasswordDatabaseDontUse users = new InMemoryUsernamePasswordDatabaseDontUse();
        for (int i = 0; i < 2 * pairs; i++) {
            users.addUser("u" + i, PASSWORD);
        }
        Portal portal = new Portal(new XmppRealm(), reactor, users);
        XmppServerConfig config = new XmppServerConfig("localhost", null, false, portal, XmppLimits.DEFAULTS,
                new MemoryRosterStore(), new SecureRandom(), Clock.systemUTC());
        return reactor.listenTCP(0, new XmppServerFactory(new XmppServer(config, reactor)), 1024, "127.0.0.1");
    }

    private static Process startProsody(Path directory, int port, int pairs) throws Exception {
        Path accounts = directory.resolve("data").resolve("localhost").resolve("accounts");
        Files.createDirectories(accounts);
        for (int i = 0; i < 2 * pairs; i++) {
            Files.writeString(accounts.resolve("u" + i + ".dat"), "return {\n\t[\"password\"] = \"" + PASSWORD + "\";\n};\n");
        }
        Path config = directory.resolve("prosody.cfg.lua");
        Files.writeString(config, String.join("\n", "daemonize = false", "run_as_root = true",
                "pidfile = \"" + directory.resolve("prosody.pid") + "\"", "data_path = \"" + directory.resolve("data") + "\"",
                "modules_enabled = { \"roster\"; \"saslauth\"; \"disco\"; \"ping\"; \"posix\" }", "modules_disabled = { \"s2s\" }",
                "c2s_ports = { " + port + " }", "c2s_interfaces = { \"127.0.0.1\" }", "s2s_ports = { }", "component_ports = { }",
                "http_ports = { }", "https_ports = { }", "c2s_direct_tls_ports = { }", "authentication = \"internal_plain\"",
                "c2s_require_encryption = false", "log = { { levels = { min = \"error\" }, to = \"console\" } }",
                "VirtualHost \"localhost\"", ""));
        Process process = new ProcessBuilder("/usr/bin/prosody", "--config", config.toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("prosody.log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return process;
            } catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS); // poll interval while Prosody starts
            }
        }
        throw new IllegalStateException("prosody did not listen on " + port);
    }

    /** One timed run: every pair logged in, then {@code messages} spread over the senders; messages per second. */
    private static double run(NettyReactor reactor, int port, int messages, int pairs) throws Exception {
        int perSender = messages / pairs;
        CountDownLatch arrived = new CountDownLatch(perSender * pairs);
        List<XmppClient> senders = new ArrayList<>();
        List<XmppClient> receivers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            senders.add(connect(reactor, port, "u" + (2 * i), new XmppClientListener() { }));
            receivers.add(connect(reactor, port, "u" + (2 * i + 1), new Counter(arrived)));
        }
        long start = System.nanoTime();
        reactor.callFromThread(() -> {
            for (int i = 0; i < pairs; i++) {
                Jid to = receivers.get(i).jid();
                for (int m = 0; m < perSender; m++) {
                    senders.get(i).sendMessage(to, "benchmark message " + m);
                }
            }
        });
        if (!arrived.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException(arrived.getCount() + " messages did not arrive");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reactor.blockingCallFromThread(() -> {
            senders.forEach(XmppClient::close);
            receivers.forEach(XmppClient::close);
            return null;
        });
        return perSender * pairs / seconds;
    }

    private static XmppClient connect(NettyReactor reactor, int port, String user, XmppClientListener listener) throws Exception {
        XmppClient client = new XmppClient(new XmppClientConfig(Jid.parse(user + "@localhost/bench"),
                PASSWORD.getBytes(StandardCharsets.UTF_8), null, false, XmppLimits.DEFAULTS, new SecureRandom()), listener);
        CompletableFuture<Jid> ready = new CompletableFuture<>();
        reactor.callFromThread(() -> Endpoints.clientFromString(reactor, "tcp:127.0.0.1:" + port).connect(address -> client)
                .addCallbackDeferred(protocol -> client.ready()).addCallbacks(jid -> ready.complete(jid),
                        failure -> ready.completeExceptionally(failure.value())));
        ready.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
