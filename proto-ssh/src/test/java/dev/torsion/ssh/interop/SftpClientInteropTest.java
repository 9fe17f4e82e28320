package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PushProducer;
import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.client.KnownHosts;
import dev.torsion.ssh.client.SshClient;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.sftp.SftpAttributes;
import dev.torsion.ssh.sftp.SftpClient;
import dev.torsion.ssh.sftp.SftpException;
import dev.torsion.ssh.sftp.SftpHandle;
import dev.torsion.ssh.sftp.SftpName;
import dev.torsion.ssh.sftp.SftpNumbers;
import dev.torsion.ssh.sftp.SftpServerLimits;
import dev.torsion.ssh.sftp.SftpStatvfs;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SFTP client against OpenSSH's {@code sftp-server}, behind an {@code sshd} the test starts on
 * loopback: every request, OpenSSH's extensions, and 1 GiB up and down with matching SHA-256.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SftpClientInteropTest {
    static final long GIB = 1L << 30;

    @TempDir
    static Path dir;
    static PeerProcess sshd;
    static int port;
    static LiveReactor live;
    static HostKey hostKey;
    static HostKey userKey;
    static SshClientProtocol ssh;
    static SftpClient sftp;
    static String user = System.getProperty("user.name");

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/sbin/sshd");
        Programs.require("/usr/lib/openssh/sftp-server");
        Files.createDirectories(Path.of("/run/sshd"));
        hostKey = HostKey.generate(new SecureRandom(), "sshd sftp test host");
        hostKey.write(dir.resolve("host_key"));
        userKey = HostKey.generate(new SecureRandom(), "sftp client");
        Files.writeString(dir.resolve("authorized_keys"), userKey.publicKeyLine() + "\n");
        port = FreePorts.tcp();
        sshd = PeerProcess.start(List.of("/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-p", String.valueOf(port),
                "-o", "ListenAddress=127.0.0.1", "-h", dir.resolve("host_key").toString(),
                "-o", "AuthorizedKeysFile=" + dir.resolve("authorized_keys"), "-o", "StrictModes=no",
                "-o", "PidFile=none", "-o", "UsePAM=no", "-o", "PermitRootLogin=prohibit-password",
                "-o", "Subsystem=sftp /usr/lib/openssh/sftp-server"), dir.resolve("sshd.log"), port);
        live = new LiveReactor();
        KnownHosts known = KnownHosts.parse(List.of("[127.0.0.1]:" + port + " " + hostKey.publicKeyLine()));
        ssh = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, userKey, null, known,
                TransportConfig.DEFAULTS, SshLimits.DEFAULTS));
        sftp = live.await(() -> ssh.sftp());
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    /** Runs a Deferred on the reactor and waits for it, as long as {@code seconds}. */
    static <T> T await(long seconds, Supplier<Deferred<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        live.reactor.callFromThread(() -> work.get().addCallbacks(value -> {
            result.complete(value);
            return null;
        }, failure -> {
            result.completeExceptionally(failure.value());
            return null;
        }));
        try {
            return result.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static <T> T await(Supplier<Deferred<T>> work) throws Exception {
        return await(30, work);
    }

    @Test
    void openSshOffersItsExtensions() {
        assertEquals(3, sftp.version());
        for (String extension : List.of(SftpNumbers.POSIX_RENAME, SftpNumbers.STATVFS, SftpNumbers.FSTATVFS,
                SftpNumbers.HARDLINK, SftpNumbers.FSYNC, SftpNumbers.LIMITS, SftpNumbers.EXPAND_PATH)) {
            assertTrue(sftp.supports(extension), extension + " in " + sftp.extensions());
        }
    }

    @Test
    void everyRequest() throws Exception {
        String base = dir.toRealPath().resolve("every").toString();
        await(() -> sftp.mkdir(base, SftpAttributes.ofPermissions(0755)));
        SftpHandle file = await(() -> sftp.open(base + "/a.txt", SftpNumbers.OPEN_READ | SftpNumbers.OPEN_WRITE
                | SftpNumbers.OPEN_CREATE, SftpAttributes.ofPermissions(0640)));
        await(() -> sftp.write(file, 0, "hello openssh".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("openssh".getBytes(StandardCharsets.UTF_8), await(() -> sftp.read(file, 6, 1000)));
        assertEquals(0, await(() -> sftp.read(file, 13, 1000)).length);
        assertEquals(13, await(() -> sftp.fstat(file)).size());
        await(() -> sftp.fsetstat(file, SftpAttributes.ofSize(5)));
        await(() -> sftp.fsync(file));
        SftpStatvfs viaHandle = await(() -> sftp.fstatvfs(file));
        await(() -> sftp.close(file));
        assertEquals("hello", Files.readString(Path.of(base, "a.txt")));
        assertEquals(0640, await(() -> sftp.stat(base + "/a.txt")).permissions() & 0777);

        await(() -> sftp.setstat(base + "/a.txt", SftpAttributes.ofTimes(1_000_000_000L, 1_300_000_000L)));
        assertEquals(1_300_000_000L, Files.getLastModifiedTime(Path.of(base, "a.txt")).to(TimeUnit.SECONDS));
        // OpenSSH's argument order: a swapped order would make a link named "a.txt" and fail.
        await(() -> sftp.symlink("a.txt", base + "/link"));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(Path.of(base, "link")));
        assertEquals("a.txt", await(() -> sftp.readlink(base + "/link")));
        assertTrue(await(() -> sftp.lstat(base + "/link")).isSymbolicLink());
        assertTrue(await(() -> sftp.stat(base + "/link")).isRegularFile());
        await(() -> sftp.hardlink(base + "/a.txt", base + "/hard"));
        assertTrue(Files.isSameFile(Path.of(base, "a.txt"), Path.of(base, "hard")));
        assertEquals(base + "/a.txt", await(() -> sftp.realpath(base + "/../every/./a.txt")));
        assertEquals(Path.of(System.getProperty("user.home")).toRealPath().toString(), await(() -> sftp.expandPath("~")));

        List<String> names = await(() -> sftp.listDirectory(base)).stream().map(SftpName::filename)
                .filter(name -> !name.startsWith(".")).sorted().collect(Collectors.toList());
        assertEquals(List.of("a.txt", "hard", "link"), names);
        await(() -> sftp.rename(base + "/hard", base + "/moved"));
        assertFalse(Files.exists(Path.of(base, "hard")));
        Files.writeString(Path.of(base, "other"), "other");
        // posix-rename@openssh.com replaces the target.
        await(() -> sftp.rename(base + "/other", base + "/moved"));
        assertEquals("other", Files.readString(Path.of(base, "moved")));
        await(() -> sftp.remove(base + "/moved"));
        await(() -> sftp.remove(base + "/link"));
        await(() -> sftp.remove(base + "/a.txt"));
        await(() -> sftp.rmdir(base));
        assertFalse(Files.exists(Path.of(base)));

        SftpStatvfs statvfs = await(() -> sftp.statvfs(dir.toString()));
        assertEquals(Files.getFileStore(dir).getTotalSpace(), statvfs.totalBytes());
        assertEquals(statvfs.blocks(), viaHandle.blocks());
        assertTrue(statvfs.files() > 0, "OpenSSH reports inodes");
        SftpServerLimits limits = await(() -> sftp.limits());
        assertEquals(256 * 1024, limits.maxPacket());
        assertEquals(255 * 1024, limits.maxRead());
        SftpException missing = assertThrowsSftp(() -> sftp.stat(base + "/nothing"));
        assertEquals(SftpNumbers.NO_SUCH_FILE, missing.status());
    }

    static SftpException assertThrowsSftp(Supplier<Deferred<SftpAttributes>> work) throws Exception {
        try {
            await(work);
        } catch (SftpException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void smallFileFromDiskBothWays() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(content);
        Path local = Files.write(dir.resolve("local.bin"), content);
        String remote = dir.toRealPath().resolve("remote.bin").toString();
        assertEquals(content.length, (long) await(() -> sftp.put(local, remote)));
        assertArrayEquals(content, Files.readAllBytes(Path.of(remote)));
        Path back = dir.resolve("back.bin");
        assertEquals(content.length, (long) await(() -> sftp.get(remote, back)));
        assertArrayEquals(content, Files.readAllBytes(back));
    }

    /**
     * 1 GiB up from a producer that makes the bytes as it goes, and down into a consumer that only
     * hashes them: no side holds the file, only the requests in flight.
     */
    @Test
    void oneGibibyteUpAndDownWithMatchingHashes() throws Exception {
        // AES-GCM (the JDK's, with the CPU's AES instructions) on a connection of its own.
        TransportConfig gcm = TransportConfig.DEFAULTS.withCiphers(List.of(CipherAlgorithm.AES128_GCM),
                MacAlgorithm.DEFAULTS);
        KnownHosts known = KnownHosts.parse(List.of("[127.0.0.1]:" + port + " " + hostKey.publicKeyLine()));
        SftpClient sftp = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, userKey, null,
                known, gcm, SshLimits.DEFAULTS).addCallbackDeferred(connection -> connection.sftp()));
        String remote = dir.toRealPath().resolve("gib.bin").toString();
        Generator generator = new Generator(GIB);
        long start = System.nanoTime();
        assertEquals(GIB, (long) await(120, () -> sftp.put(remote, generator::start)));
        long uploaded = System.nanoTime();
        byte[] sent = generator.digest.digest();
        assertArrayEquals(sent, sha256(Path.of(remote)), "the file sshd wrote");
        Hashing hashing = new Hashing();
        long downloadStart = System.nanoTime();
        assertEquals(GIB, (long) await(120, () -> sftp.get(remote, hashing)));
        long downloaded = System.nanoTime();
        assertArrayEquals(sent, hashing.digest.digest(), "the bytes downloaded");
        System.out.printf("1 GiB through OpenSSH's sftp-server: up %.1f s, down %.1f s%n",
                (uploaded - start) / 1e9, (downloaded - downloadStart) / 1e9);
        Files.delete(Path.of(remote));
    }

    static byte[] sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return digest.digest();
    }

    /** A push producer of pseudo-random 1 MiB blocks (each marked with its number), hashing what it writes. */
    static final class Generator implements PushProducer {
        final MessageDigest digest;
        final byte[] pattern = new byte[1 << 20];
        final long total;
        final Deferred<Object> done = new Deferred<>();
        Consumer sink;
        long sent;
        boolean paused;
        boolean producing;

        Generator(long total) throws Exception {
            this.total = total;
            this.digest = MessageDigest.getInstance("SHA-256");
            new Random(2026).nextBytes(pattern);
        }

        Deferred<?> start(Consumer consumer) {
            sink = consumer;
            consumer.registerProducer(this, true);
            produce();
            return done;
        }

        private void produce() {
            if (producing) {
                return;
            }
            producing = true;
            try {
                while (!paused && sent < total) {
                    byte[] block = pattern.clone();
                    long number = sent >> 20;
                    for (int i = 0; i < 8; i++) {
                        block[i] = (byte) (number >>> (8 * i));
                    }
                    digest.update(block);
                    sent += block.length;
                    sink.write(block);
                }
            } finally {
                producing = false;
            }
            if (sent == total && !done.isCalled()) {
                sink.unregisterProducer();
                done.callback(null);
            }
        }

        @Override
        public void pauseProducing() {
            paused = true;
        }

        @Override
        public void resumeProducing() {
            paused = false;
            produce();
        }

        @Override
        public void stopProducing() {
            paused = true;
            if (!done.isCalled()) {
                done.errback(new IOException("stopped"));
            }
        }
    }

    /** A consumer that only hashes. */
    static final class Hashing implements Consumer {
        final MessageDigest digest;

        Hashing() throws Exception {
            digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void registerProducer(Producer producer, boolean streaming) {
        }

        @Override
        public void unregisterProducer() {
        }

        @Override
        public void write(byte[] data) {
            digest.update(data);
        }
    }
}
