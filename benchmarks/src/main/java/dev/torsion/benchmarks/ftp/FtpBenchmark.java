package dev.torsion.benchmarks.ftp;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.ftp.server.FtpRealm;
import dev.torsion.ftp.server.FtpServerConfig;
import dev.torsion.ftp.server.FtpServerFactory;
import dev.torsion.internet.IPv4Address;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.testing.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Torsion's FTP server against vsftpd (the baseline), both on loopback in the same run, serving the
 * same file to curl: RETR (download) and STOR (upload) of one file, in MiB/s, median of the rounds,
 * and the ratio Torsion / vsftpd (the target: at least 0.8).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.ftp.FtpBenchmark [MiB] [rounds]
 * java -cp ... FtpBenchmark 1024 3
 * </pre>
 *
 * Needs /usr/sbin/vsftpd and /usr/bin/curl (Debian vsftpd, curl). Both servers let the anonymous
 * user in; uploads go to a writable {@code incoming} directory.
 */
public final class FtpBenchmark {
    private FtpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("ftp-bench");
        Path root = Files.createDirectories(dir.resolve("root"));
        Path incoming = Files.createDirectories(root.resolve("incoming"));
        Files.setPosixFilePermissions(incoming, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = root.resolve("payload.bin");
        writeRandom(file, mebibytes);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread thread = new Thread(reactor::run, "ftp-bench-reactor");
        thread.start();
        running.await(10, TimeUnit.SECONDS);
        int torsionPort = reactor.blockingCallFromThread(() -> {
            // Anonymous users are read-only in Torsion: the upload root is a writable realm root for everyone.
            Portal portal = new Portal(new FtpRealm(name -> root, null, reactor), reactor,
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("bench", "bench"));
            return ((IPv4Address) reactor.listenTCP(0, new FtpServerFactory(FtpServerConfig.of(portal, reactor)), 50, "127.0.0.1")
                    .getHost()).port();
        });

        int vsftpdPort = FreePorts.tcp();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path config = dir.resolve("vsftpd.conf");
        Files.writeString(config, String.join("\n", "listen=YES", "listen_ipv6=NO", "listen_address=127.0.0.1",
                "listen_port=" + vsftpdPort, "background=NO", "run_as_launching_user=YES", "anonymous_enable=YES",
                "anon_root=" + root, "no_anon_password=YES", "local_enable=NO", "write_enable=YES", "anon_upload_enable=YES",
                "anon_other_write_enable=YES", "seccomp_sandbox=NO", "isolate=NO", "isolate_network=NO",
                "secure_chroot_dir=" + empty, "xferlog_enable=NO", ""));
        Process vsftpd = new ProcessBuilder("/usr/sbin/vsftpd", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            waitForPort(vsftpdPort);
            String torsionUrl = "ftp://bench:bench@127.0.0.1:" + torsionPort + "/";
            String vsftpdUrl = "ftp://127.0.0.1:" + vsftpdPort + "/";
            for (String direction : List.of("RETR", "STOR")) {
                List<Double> torsion = new ArrayList<>();
                List<Double> baseline = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    torsion.add(mebibytes / seconds(curl(direction, torsionUrl, file, round)));
                    baseline.add(mebibytes / seconds(curl(direction, vsftpdUrl, file, round)));
                }
                report(direction + " " + mebibytes + " MiB, MiB/s", median(torsion), median(baseline));
            }
        } finally {
            vsftpd.destroy();
            reactor.stop();
            thread.join(10_000);
        }
    }

    private static void report(String what, double torsion, double vsftpd) {
        System.out.printf(Locale.ROOT, "%-28s torsion %10.1f   vsftpd %10.1f   ratio %.2f%n", what, torsion, vsftpd, torsion / vsftpd);
    }

    /** One curl transfer; the time it took in nanoseconds. */
    private static long curl(String direction, String url, Path file, int round) throws Exception {
        List<String> command = direction.equals("RETR")
                ? List.of("/usr/bin/curl", "-sS", "-o", "/dev/null", url + file.getFileName())
                : List.of("/usr/bin/curl", "-sS", "-T", file.toString(), url + "incoming/up-" + round + "-" + System.nanoTime() + ".bin");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(600, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("curl failed: " + command);
        }
        return System.nanoTime() - start;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void writeRandom(Path file, int mebibytes) throws IOException {
        Random random = new Random(959);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
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
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }
}
