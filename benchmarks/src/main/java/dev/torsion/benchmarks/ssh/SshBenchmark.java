package dev.torsion.benchmarks.ssh;

import com.sun.management.OperatingSystemMXBean;
import dev.torsion.cred.LoginResult;
import dev.torsion.cred.Portal;
import dev.torsion.cred.Realm;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.ssh.AuthorizedKeysSource;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.netty.NettyReactor;
import dev.torsion.ssh.server.ProcessAvatar;
import dev.torsion.ssh.server.SshAvatar;
import dev.torsion.ssh.server.SshServerFactory;
import dev.torsion.ssh.transport.HostKey;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Torsion's SSH server against OpenSSH's {@code sshd} (the baseline), both on loopback in the same
 * run, driven by OpenSSH's own clients: SFTP download and upload of one file with {@code sftp -b}
 * (MiB/s), and connections per second (key exchange, publickey login, {@code exec true}) with
 * {@code ssh}. Prints the medians and the ratio Torsion / sshd, and for SFTP each server's CPU time per
 * MiB (this JVM's; sshd's with its reaped connection processes), which noise moves less.
 *
 * <p>Each direction starts with untimed transfers against both servers ({@code warm-up}, 1 by
 * default; 0 measures from a cold start): the JVM's first transfers are interpreted and compiled
 * (about 10 ms of CPU per MiB in the first 512 MiB, the JIT compilers busy on a core the clients
 * need too, and still about 4 in the next 512), and a median of three rounds would otherwise be a
 * round the JIT still slows, not the server's steady state. sshd gets the same transfers (the file
 * in the page cache for both).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.torsion.benchmarks.ssh.SshBenchmark [MiB] [rounds] [cipher] [connections] [warm-up]
 * java -cp ... SshBenchmark 1024 3 aes128-gcm@openssh.com 200
 * java -cp ... SshBenchmark 1024 3 chacha20-poly1305@openssh.com 200
 * </pre>
 *
 * Needs /usr/sbin/sshd, /usr/bin/ssh and /usr/bin/sftp (Debian openssh-server, openssh-client).
 */
public final class SshBenchmark {
    private SshBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mebibytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String cipher = args.length > 2 ? args[2] : "aes128-gcm@openssh.com";
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Path dir = Files.createTempDirectory("ssh-bench");
        Path file = dir.resolve("payload.bin");
        writeRandom(file, mebibytes);
        HostKey userKey = HostKey.generate(new SecureRandom(), "bench");
        Path identity = dir.resolve("id_ed25519");
        userKey.write(identity);
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, userKey.publicKeyLine() + "\n");
        HostKey hostKey = HostKey.generate(new SecureRandom(), "bench host");
        Path hostKeyFile = dir.resolve("host_key");
        hostKey.write(hostKeyFile);
        Path knownHosts = dir.resolve("known_hosts");

        NettyReactor reactor = NettyReactor.create();
        CountDownLatch running = new CountDownLatch(1);
        reactor.callWhenRunning(running::countDown);
        Thread thread = new Thread(reactor::run, "ssh-bench-reactor");
        thread.start();
        running.await(10, TimeUnit.SECONDS);
        String user = System.getProperty("user.name");
        AuthorizedKeysSource source = name -> List.of(authorized);
        Realm realm = (id, mind, interfaces) -> Deferred.succeed(new LoginResult(SshAvatar.class,
                new ProcessAvatar(reactor, id.name(), "/bin/sh", dir, dir), () -> { }));
        int torsionPort = reactor.blockingCallFromThread(() -> {
            Portal portal = new Portal(realm, reactor, new SshPublicKeyChecker(source, new SshPublicKeyChecker.Options()));
            return ((IPv4Address) reactor.listenTCP(0, new SshServerFactory(reactor, hostKey, portal), 50, "127.0.0.1")
                    .getHost()).port();
        });
        int sshdPort = freePort();
        Files.createDirectories(Path.of("/run/sshd"));
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-p", String.valueOf(sshdPort),
                "-o", "ListenAddress=127.0.0.1", "-h", hostKeyFile.toString(), "-o", "AuthorizedKeysFile=" + authorized,
                "-o", "StrictModes=no", "-o", "UsePAM=no", "-o", "PidFile=none", "-o", "Subsystem=sftp internal-sftp",
                "-o", "MaxStartups=1000").redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        Files.writeString(knownHosts, "[127.0.0.1]:" + torsionPort + " " + hostKey.publicKeyLine() + "\n"
                + "[127.0.0.1]:" + sshdPort + " " + hostKey.publicKeyLine() + "\n");
        try {
            waitForPort(sshdPort, sshd, dir.resolve("sshd.log"));
            Path batchGet = dir.resolve("get.batch");
            Files.writeString(batchGet, "get payload.bin /dev/null\n");
            Path batchPut = dir.resolve("put.batch");
            Files.writeString(batchPut, "put " + file + " upload.bin\n");
            List<String> base = List.of("-F", "/dev/null", "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                    "-i", identity.toString(), "-c", cipher);
            for (String direction : List.of("download", "upload")) {
                Path batch = direction.equals("download") ? batchGet : batchPut;
                List<Double> torsion = new ArrayList<>();
                List<Double> openssh = new ArrayList<>();
                List<Double> torsionCpu = new ArrayList<>();
                List<Double> sshdCpu = new ArrayList<>();
                // sshd serves from the home directory: give it the file by absolute path in its batch.
                Path sshdBatch = dir.resolve("sshd-" + direction + ".batch");
                Files.writeString(sshdBatch, direction.equals("download")
                        ? "get " + file + " /dev/null\n" : "put " + file + " " + dir.resolve("upload-sshd.bin") + "\n");
                for (int round = 0; round < warmUp; round++) {
                    sftp(base, torsionPort, batch, user);
                    sftp(base, sshdPort, sshdBatch, user);
                }
                for (int round = 0; round < rounds; round++) {
                    long cpuBefore = jvmCpuNanos();
                    torsion.add(mebibytes / seconds(sftp(base, torsionPort, batch, user)));
                    torsionCpu.add((jvmCpuNanos() - cpuBefore) / 1e6 / mebibytes);
                    long sshdBefore = reapedCpuNanos(sshd.pid());
                    openssh.add(mebibytes / seconds(sftp(base, sshdPort, sshdBatch, user)));
                    sshdCpu.add((reapedCpuNanos(sshd.pid()) - sshdBefore) / 1e6 / mebibytes);
                }
                report("sftp " + direction + " MiB/s, " + cipher, median(torsion), median(openssh));
                report("sftp " + direction + " server CPU ms/MiB, " + cipher, median(torsionCpu), median(sshdCpu));
            }
            List<String> ssh = new ArrayList<>(List.of("/usr/bin/ssh"));
            ssh.addAll(base);
            report("connections/s (kex, publickey, exec true), " + cipher,
                    connections / seconds(connect(ssh, torsionPort, user, connections)),
                    connections / seconds(connect(ssh, sshdPort, user, connections)));
        } finally {
            sshd.destroy();
            reactor.stop();
            thread.join(15_000);
        }
    }

    private static void report(String what, double torsion, double sshd) {
        System.out.printf(Locale.ROOT, "%-55s torsion %10.1f   sshd %10.1f   ratio %.2fx%n", what, torsion, sshd,
                torsion / sshd);
    }

    private static long sftp(List<String> base, int port, Path batch, String user) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/sftp", "-P", String.valueOf(port), "-b", batch.toString()));
        command.addAll(base);
        command.add(user + "@127.0.0.1");
        return timed(command);
    }

    private static long connect(List<String> ssh, int port, String user, int count) throws Exception {
        long total = 0;
        for (int i = 0; i < count; i++) {
            List<String> command = new ArrayList<>(ssh);
            command.addAll(List.of("-p", String.valueOf(port), user + "@127.0.0.1", "true"));
            total += timed(command);
        }
        return total;
    }

    private static long timed(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        return System.nanoTime() - start;
    }

    /** CPU time of this JVM (the Torsion server, its reactor, JIT and GC; idle while sshd runs). */
    private static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of sshd and of its reaped children (the per-connection processes that did the work):
     * utime, stime, cutime and cstime of /proc/PID/stat, in clock ticks of 10 ms.
     */
    private static long reapedCpuNanos(long pid) throws IOException, InterruptedException {
        TimeUnit.MILLISECONDS.sleep(300); // sshd reaps its connection's processes just after the client ends
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 11; field <= 14; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return ticks * 10_000_000L;
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
        byte[] block = new byte[1 << 20];
        Random random = new Random(1);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for sshd to accept connections (polling: it is a separate process with no other signal). */
    private static void waitForPort(int port, Process sshd, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd ended: " + Files.readString(log));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IllegalStateException("sshd did not start");
    }
}
