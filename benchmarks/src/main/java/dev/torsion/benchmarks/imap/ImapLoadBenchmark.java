package dev.torsion.benchmarks.imap;

import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.mail.MailService;
import dev.torsion.mail.MailSettings;
import dev.torsion.mail.delivery.Aliases;
import dev.torsion.mail.delivery.MailDomain;
import dev.torsion.mail.maildir.Maildir;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.DovecotPeer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N clients each running the workload (LOGIN, SELECT, FETCH of every header, FETCH of
 * bodies, STORE of flags both ways, SEARCH, LOGOUT) against Torsion's IMAP server on a Maildir of
 * M messages, and against Dovecot's imapd (C; the same job) on a copy of the same Maildir as the
 * baseline, in interleaved rounds after an untimed warm-up; prints commands per second of each,
 * their ratio (the target: Torsion at least 0.5x Dovecot) and the protocol errors (NO or
 * BAD: there must be none).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.imap.ImapLoadBenchmark [messages] [clients] [rounds]
 * </pre>
 *
 * Defaults: 1,000 messages, 8 clients, 3 rounds. Needs {@code dovecot-imapd}
 * ({@code .ci/install-peers} installs it); run as root, Dovecot reads its copy as nobody.
 */
public final class ImapLoadBenchmark {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\}\r\n$");
    private static final AtomicLong ERRORS = new AtomicLong();
    private static final String[] COMMANDS = {
        "LOGIN alice secret",
        "SELECT INBOX",
        "FETCH 1:* (UID FLAGS BODY.PEEK[HEADER])",
        "FETCH 1:%d BODY.PEEK[]",
        "STORE 1:* +FLAGS.SILENT (\\Flagged)",
        "STORE 1:* -FLAGS.SILENT (\\Flagged)",
        "SEARCH SUBJECT \"message 1\"",
        "UID SEARCH ALL",
        "LOGOUT",
    };

    private ImapLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path root = Files.createTempDirectory("imap-bench");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path torsionMail = root.resolve("torsion").resolve("example.org");
        fill(new Maildir(torsionMail.resolve("alice")).create(), messages);
        Path dovecotMaildir = root.resolve("dovecot").resolve("alice").resolve("Maildir");
        fill(new Maildir(dovecotMaildir).create(), messages);

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        Thread loop = new Thread(reactor::run, "imap-benchmark-reactor");
        loop.start();
        started.await(10, TimeUnit.SECONDS);
        MailSettings settings = new MailSettings("localhost", List.of(new MailDomain("example.org", torsionMail, Set.of("alice"), null)),
                Aliases.none(), List.of(new InMemoryUsernamePasswordDatabaseDontUse().addUser("alice", "secret")), null);
        MailService service = reactor.blockingCallFromThread(() -> new MailService(reactor, settings));
        ListeningPort port = reactor.blockingCallFromThread(() -> reactor.listenTCP(0, service.imapFactory(), 1024, "127.0.0.1"));
        int torsionPort = ((IPv4Address) port.getHost()).port();
        DovecotPeer dovecot = DovecotPeer.start(root, root.resolve("dovecot"), "imap", "alice", "secret");
        int dovecotPort = dovecot.port();
        try {
            AtomicLongArray dovecotNanos = new AtomicLongArray(COMMANDS.length);
            AtomicLongArray torsionNanos = new AtomicLongArray(COMMANDS.length);
            run(dovecotPort, 1, messages, new AtomicLongArray(COMMANDS.length)); // warm-up, untimed
            run(torsionPort, 1, messages, new AtomicLongArray(COMMANDS.length));
            List<Double> dovecotRates = new ArrayList<>();
            List<Double> torsionRates = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double d = run(dovecotPort, clients, messages, dovecotNanos);
                double t = run(torsionPort, clients, messages, torsionNanos);
                dovecotRates.add(d);
                torsionRates.add(t);
                System.out.printf(Locale.ROOT, "round %d: dovecot %.0f commands/s, torsion %.0f commands/s%n", round, d, t);
            }
            double d = median(dovecotRates);
            double t = median(torsionRates);
            System.out.printf(Locale.ROOT, "median: dovecot %.0f commands/s, torsion %.0f commands/s, ratio %.2f "
                    + "(%d messages, %d clients), protocol errors %d%n", d, t, t / d, messages, clients, ERRORS.get());
            System.out.println("mean time per command (ms), dovecot / torsion:");
            for (int i = 0; i < COMMANDS.length; i++) {
                double runs = (double) rounds * clients * 1e6;
                System.out.printf(Locale.ROOT, "  %-45s %8.1f %8.1f%n", String.format(Locale.ROOT, COMMANDS[i], Math.min(100, messages)),
                        dovecotNanos.get(i) / runs, torsionNanos.get(i) / runs);
            }
        } finally {
            dovecot.close();
            reactor.blockingCallFromThread(port::stopListening);
            reactor.callFromThread(reactor::stop);
            loop.join(15_000);
        }
    }

    private static void fill(Maildir maildir, int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            String text = "From: sender" + i + "@example.net\r\nTo: alice@example.org\r\nSubject: message " + i + "\r\n"
                    + "Date: Sat, 5 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + i + "@bench>\r\n\r\n" + "body line\r\n".repeat(40);
            maildir.deliver(text.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Every client runs the workload once; returns commands per second over all of them. */
    private static double run(int port, int clients, int messages, AtomicLongArray nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> workload(port, messages, nanos)));
            }
            int commands = 0;
            for (Future<Integer> f : done) {
                commands += f.get(10, TimeUnit.MINUTES);
            }
            return commands / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The workload for one client; returns the number of commands sent. */
    private static int workload(int port, int messages, AtomicLongArray nanos) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 65_536);
            OutputStream out = socket.getOutputStream();
            readResponse(in);
            for (int i = 0; i < COMMANDS.length; i++) {
                String tag = "b" + i;
                String command = String.format(Locale.ROOT, COMMANDS[i], Math.min(100, messages));
                long sent = System.nanoTime();
                out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String tagged;
                do {
                    tagged = readResponse(in);
                } while (!tagged.startsWith(tag + " "));
                if (!tagged.startsWith(tag + " OK")) {
                    ERRORS.incrementAndGet();
                }
                nanos.addAndGet(i, System.nanoTime() - sent);
            }
            return COMMANDS.length;
        }
    }

    /** One response with its literals, as text. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder response = new StringBuilder();
        while (true) {
            String line = readLine(in);
            response.append(line);
            Matcher m = LITERAL.matcher(line);
            if (!m.find()) {
                return response.toString();
            }
            in.readNBytes(Integer.parseInt(m.group(1)));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("connection closed");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
