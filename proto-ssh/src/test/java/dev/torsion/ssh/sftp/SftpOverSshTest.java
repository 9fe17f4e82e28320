package dev.torsion.ssh.sftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.ssh.client.KnownHosts;
import dev.torsion.ssh.client.SshClient;
import dev.torsion.ssh.client.SshClientProtocol;
import dev.torsion.ssh.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our SFTP client through our SSH client, against our server over loopback: the subsystem channel both ways. */
class SftpOverSshTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static SshClientProtocol ssh;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir);
        KnownHosts known = KnownHosts.parse(List.of("[127.0.0.1]:" + server.port + " " + server.hostKey.publicKeyLine()));
        ssh = server.live.await(() -> SshClient.connect(server.live.reactor, "127.0.0.1", server.port, TestServer.USER,
                server.clientKey, null, known));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void transferBothWaysWithWindowsAndPipelining() throws Exception {
        byte[] content = new byte[8 * 1024 * 1024 + 777];
        new Random(11).nextBytes(content);
        Path local = Files.write(dir.resolve("up.bin"), content);
        Path back = dir.resolve("down.bin");
        long[] counts = server.live.await(() -> ssh.sftp().addCallbackDeferred(sftp -> sftp.put(local, "/up.bin")
                .addCallbackDeferred(up -> sftp.get("/up.bin", back).addCallback(down -> {
                    sftp.close();
                    return new long[] {up, down};
                }))));
        assertEquals(content.length, counts[0]);
        assertEquals(content.length, counts[1]);
        assertArrayEquals(content, Files.readAllBytes(server.sftpRoot.resolve("up.bin")));
        assertArrayEquals(content, Files.readAllBytes(back));
    }

    @Test
    void linksAndFileSystemThroughTheChannel() throws Exception {
        Files.writeString(server.sftpRoot.resolve("target.txt"), "t");
        Object[] answers = server.live.await(() -> ssh.sftp().addCallbackDeferred(sftp -> sftp.symlink("/target.txt", "/l")
                .addCallbackDeferred(made -> sftp.readlink("/l"))
                .addCallbackDeferred(target -> sftp.statvfs("/").addCallback(statvfs -> {
                    sftp.close();
                    return new Object[] {target, statvfs};
                }))));
        assertEquals("target.txt", answers[0]);
        assertEquals(Files.getFileStore(server.sftpRoot).getTotalSpace(), ((SftpStatvfs) answers[1]).totalBytes());
        assertEquals(Path.of("target.txt"), Files.readSymbolicLink(server.sftpRoot.resolve("l")));
    }

    @Test
    void severalSessionsOnOneConnection() throws Exception {
        Files.writeString(server.sftpRoot.resolve("one.txt"), "1");
        String both = server.live.await(() -> ssh.sftp().addCallbackDeferred(first -> ssh.sftp()
                .addCallbackDeferred(second -> first.realpath("one.txt").addCallbackDeferred(a -> second.stat("/one.txt")
                        .addCallback(attrs -> {
                            first.close();
                            second.close();
                            return a + " " + attrs.size();
                        })))));
        assertEquals("/one.txt 1", both);
    }
}
