package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.client.KnownHosts;
import dev.torsion.ssh.client.SshClient;
import dev.torsion.ssh.sftp.SftpAttributes;
import dev.torsion.ssh.sftp.SftpClient;
import dev.torsion.ssh.sftp.SftpException;
import dev.torsion.ssh.sftp.SftpHandle;
import dev.torsion.ssh.sftp.SftpName;
import dev.torsion.ssh.sftp.SftpNumbers;
import dev.torsion.ssh.transport.HostKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SFTP client against paramiko's SFTP server (paramiko 2.12, Debian's python3-paramiko),
 * which the test runs over a directory with the file-system half paramiko leaves to its users
 * ({@code sftp/paramiko_sftp_server.py}): requests, links, and a streamed transfer both ways.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SftpParamikoServerInteropTest {
    @TempDir
    static Path dir;
    static Path root;
    static Process python;
    static LiveReactor live;
    static SftpClient sftp;

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/bin/python3");
        root = Files.createDirectories(dir.resolve("root"));
        HostKey hostKey = HostKey.generate(new SecureRandom(), "paramiko host");
        hostKey.write(dir.resolve("host_key"));
        Path script = dir.resolve("paramiko_sftp_server.py");
        try (InputStream in = SftpParamikoServerInteropTest.class.getResourceAsStream("/sftp/paramiko_sftp_server.py")) {
            Files.copy(in, script);
        }
        python = new ProcessBuilder("/usr/bin/python3", script.toString(), root.toString(),
                dir.resolve("host_key").toString()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String first = output.readLine();
        assertTrue(first != null && first.startsWith("port "), "paramiko server did not start: " + first);
        int port = Integer.parseInt(first.substring(5).trim());
        Thread drain = new Thread(() -> {
            try {
                output.transferTo(Writer.nullWriter());
            } catch (IOException closed) {
                // the server was stopped
            }
        }, "paramiko log");
        drain.setDaemon(true);
        drain.start();
        live = new LiveReactor();
        KnownHosts known = KnownHosts.parse(List.of("[127.0.0.1]:" + port + " " + hostKey.publicKeyLine()));
        sftp = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, "alice", null, "secret", known)
                .addCallbackDeferred(ssh -> ssh.sftp()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.close();
        }
        if (python != null) {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static <T> T await(Supplier<Deferred<T>> work) throws Exception {
        return live.await(work);
    }

    @Test
    void requestsAndLinks() throws Exception {
        assertEquals(3, sftp.version());
        // paramiko names no extension our client uses: those requests fail here, unsent.
        assertFalse(sftp.supports(SftpNumbers.STATVFS));
        try {
            await(() -> sftp.statvfs("/"));
            throw new AssertionError("statvfs without the extension");
        } catch (SftpException e) {
            assertEquals(SftpNumbers.OP_UNSUPPORTED, e.status());
        }
        await(() -> sftp.mkdir("/pk", SftpAttributes.NONE));
        SftpHandle file = await(() -> sftp.open("/pk/a.txt", SftpNumbers.OPEN_WRITE | SftpNumbers.OPEN_CREATE
                | SftpNumbers.OPEN_TRUNCATE, SftpAttributes.NONE));
        await(() -> sftp.write(file, 0, "from torsion".getBytes(StandardCharsets.UTF_8)));
        await(() -> sftp.fsetstat(file, SftpAttributes.ofPermissions(0600)));
        assertEquals(12, await(() -> sftp.fstat(file)).size());
        await(() -> sftp.close(file));
        assertEquals("from torsion", Files.readString(root.resolve("pk/a.txt")));
        assertEquals(0600, (Integer) Files.getAttribute(root.resolve("pk/a.txt"), "unix:mode") & 0777);
        await(() -> sftp.symlink("a.txt", "/pk/l"));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(root.resolve("pk/l")));
        assertEquals("a.txt", await(() -> sftp.readlink("/pk/l")));
        assertTrue(await(() -> sftp.lstat("/pk/l")).isSymbolicLink());
        await(() -> sftp.rename("/pk/a.txt", "/pk/b.txt"));
        assertEquals("/pk/b.txt", await(() -> sftp.realpath("/pk/./b.txt")));
        List<String> names = await(() -> sftp.listDirectory("/pk")).stream().map(SftpName::filename).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("b.txt", "l"), names);
        await(() -> sftp.remove("/pk/l"));
        await(() -> sftp.remove("/pk/b.txt"));
        await(() -> sftp.rmdir("/pk"));
        assertFalse(Files.exists(root.resolve("pk")));
    }

    @Test
    void streamedBothWays() throws Exception {
        byte[] content = new byte[4 * 1024 * 1024 + 99];
        new Random(5).nextBytes(content);
        Path local = Files.write(dir.resolve("local.bin"), content);
        assertEquals(content.length, (long) await(() -> sftp.put(local, "/up.bin")));
        assertArrayEquals(content, Files.readAllBytes(root.resolve("up.bin")));
        Path back = dir.resolve("back.bin");
        assertEquals(content.length, (long) await(() -> sftp.get("/up.bin", back)));
        assertArrayEquals(content, Files.readAllBytes(back));
    }
}
