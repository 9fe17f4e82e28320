package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.support.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSH's {@code sftp -b} and paramiko's SFTP client against our SFTP server: transfers with
 * matching hashes (1 GiB both ways), directory work, links (symbolic and hard), df through
 * statvfs, FSETSTAT, and confinement.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SftpInteropTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    record Result(int status, String output) {
    }

    static Result sftp(String batch) throws Exception {
        return sftp(batch, List.of());
    }

    static Result sftp(String batch, List<String> options) throws Exception {
        Path file = Files.createTempFile(dir, "batch", ".txt");
        Files.writeString(file, batch);
        List<String> command = new ArrayList<>(List.of("/usr/bin/sftp", "-F", "/dev/null", "-P",
                String.valueOf(server.port), "-o", "UserKnownHostsFile=" + server.knownHosts(),
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                "-i", server.clientKeyFile.toString(), "-b", file.toString()));
        command.addAll(options);
        command.add(TestServer.USER + "@127.0.0.1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sftp timed out");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
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

    /** 1 GiB up and down with OpenSSH's client (over AES-GCM, which both sides do with CPU instructions). */
    @Test
    void oneGibibyteUpAndDown() throws Exception {
        Path local = dir.resolve("gib.bin");
        byte[] block = new byte[1 << 20];
        new Random(1024).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(local)) {
            for (int i = 0; i < 1024; i++) {
                block[0] = (byte) i;
                block[1] = (byte) (i >> 8);
                out.write(block);
            }
        }
        long start = System.nanoTime();
        Result result = sftp("put gib.bin\nget gib.bin gib-down.bin\n", List.of("-c", "aes128-gcm@openssh.com"));
        long took = System.nanoTime() - start;
        assertEquals(0, result.status(), result.output());
        byte[] expected = sha256(local);
        assertArrayEquals(expected, sha256(server.sftpRoot.resolve("gib.bin")), "the file our server wrote");
        assertArrayEquals(expected, sha256(dir.resolve("gib-down.bin")), "the file sftp downloaded");
        System.out.printf("1 GiB up and down by OpenSSH's sftp through our server: %.1f s%n", took / 1e9);
        Files.delete(local);
        Files.delete(dir.resolve("gib-down.bin"));
        Files.delete(server.sftpRoot.resolve("gib.bin"));
    }

    @Test
    void uploadDownloadAndDirectoryWork() throws Exception {
        byte[] content = new byte[20 * 1024 * 1024 + 123];
        new Random(4).nextBytes(content);
        Files.write(dir.resolve("up.bin"), content);
        Result result = sftp(String.join("\n",
                "mkdir docs", "cd docs", "put up.bin", "rename up.bin big.bin", "ls -l", "get big.bin down.bin",
                "pwd", "chmod 600 big.bin", "mkdir empty", "rmdir empty", "") );
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("big.bin"), result.output());
        assertTrue(result.output().contains("Remote working directory: /docs"), result.output());
        assertArrayEquals(sha256(dir.resolve("up.bin")), sha256(server.sftpRoot.resolve("docs/big.bin")));
        assertArrayEquals(sha256(dir.resolve("up.bin")), sha256(dir.resolve("down.bin")));
        assertFalse(Files.exists(server.sftpRoot.resolve("docs/empty")));
        Result removed = sftp("rm docs/big.bin\n");
        assertEquals(0, removed.status(), removed.output());
        assertFalse(Files.exists(server.sftpRoot.resolve("docs/big.bin")));
    }

    @Test
    void confinedToTheRoot() throws Exception {
        Files.writeString(dir.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(server.sftpRoot.resolve("escape"), dir);
        Result up = sftp("cd ..\npwd\n");
        assertEquals(0, up.status(), up.output());
        assertTrue(up.output().contains("Remote working directory: /\n"), up.output());
        for (String command : List.of("get ../outside.txt got1.txt", "get /../outside.txt got2.txt",
                "get escape/outside.txt got3.txt", "cd escape", "ls escape/outside.txt")) {
            Result refused = sftp(command + "\n");
            assertNotEquals(0, refused.status(), command + ": " + refused.output());
        }
        assertFalse(Files.exists(dir.resolve("got1.txt")));
        assertFalse(Files.exists(dir.resolve("got3.txt")));
        // The link itself is listed (lstat does not follow it); what it leads to is not.
        Result listed = sftp("ls -l escape/\nls -l\n");
        assertEquals(0, listed.status(), listed.output());
        assertFalse(listed.output().contains("outside.txt"), listed.output());
        assertTrue(listed.output().matches("(?s).*\\nl\\S+ .* escape\\n.*"), listed.output());
    }

    @Test
    void linksAndDfWithOpenSsh() throws Exception {
        Files.writeString(dir.resolve("small.txt"), "small file\n");
        Result result = sftp(String.join("\n",
                "mkdir lnk", "cd lnk", "pwd", "put small.txt", "ln -s small.txt alias", "ln -s /lnk/small.txt abs",
                "ln small.txt hard", "ls -l", "get alias got-alias.txt", "df", ""));
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("Remote working directory: /lnk\n"), result.output());
        Path remote = server.sftpRoot.resolve("lnk");
        assertEquals(Path.of("small.txt"), Files.readSymbolicLink(remote.resolve("alias")));
        // An absolute target is the client's view of the root: stored relative, so it works on disk too.
        assertEquals(Path.of("small.txt"), Files.readSymbolicLink(remote.resolve("abs")));
        assertTrue(Files.isSameFile(remote.resolve("small.txt"), remote.resolve("hard")));
        assertEquals(2, ((Number) Files.getAttribute(remote.resolve("small.txt"), "unix:nlink")).intValue());
        // ls -l prints our long names as they are: links with their targets, as READLINK answers.
        assertTrue(result.output().contains(" alias -> small.txt\n"), result.output());
        assertTrue(result.output().contains(" abs -> small.txt\n"), result.output());
        assertEquals("small file\n", Files.readString(dir.resolve("got-alias.txt")));
        // df prints the size in KiB from statvfs@openssh.com: the file system's own total.
        long totalKib = Files.getFileStore(server.sftpRoot).getTotalSpace() / 1024;
        assertTrue(result.output().matches("(?s).*\\n\\s*" + totalKib + "\\s+\\d+\\s+\\d+.*"), result.output());
    }

    @Test
    void linksLeavingTheRootAreRefused() throws Exception {
        Files.writeString(dir.resolve("outside2.txt"), "secret");
        Files.createDirectories(server.sftpRoot.resolve("refuse"));
        if (!Files.exists(server.sftpRoot.resolve("escape2"), LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(server.sftpRoot.resolve("escape2"), dir);
        }
        for (String command : List.of("ln -s ../../outside2.txt refuse/up", "ln -s ../outside2.txt up2",
                "ln escape2/outside2.txt stolen", "df escape2", "ln -s /small.txt escape2/planted")) {
            Result refused = sftp(command + "\n");
            assertNotEquals(0, refused.status(), command + ": " + refused.output());
        }
        assertFalse(Files.exists(server.sftpRoot.resolve("refuse/up"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(server.sftpRoot.resolve("up2"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(server.sftpRoot.resolve("stolen")));
        assertFalse(Files.exists(dir.resolve("planted"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void paramikoSymlinkReadlinkFsetstatAndPosixRename() throws Exception {
        String script = String.join("\n",
                "import sys, paramiko",
                "c = paramiko.SSHClient()",
                "c.load_host_keys(sys.argv[2])",
                "c.set_missing_host_key_policy(paramiko.RejectPolicy())",
                "c.connect('127.0.0.1', port=int(sys.argv[1]), username='alice', password='secret', allow_agent=False,"
                        + " look_for_keys=False)",
                "s = c.open_sftp()",
                "s.mkdir('pm')",
                "f = s.open('pm/a.txt', 'w')",
                "f.write(b'0123456789')",
                "f.truncate(4)",
                "f.chmod(0o600)",
                "f.close()",
                "s.symlink('a.txt', 'pm/l')",
                "print(s.readlink('pm/l'))",
                "print(s.stat('pm/l').st_size)",
                "s.posix_rename('pm/a.txt', 'pm/b.txt')",
                "print(sorted(s.listdir('pm')))",
                "print(s.normalize('.'))",
                "c.close()");
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", script, String.valueOf(server.port),
                server.knownHosts().toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "paramiko timed out");
        assertEquals(0, process.exitValue(), output);
        assertEquals("a.txt\n4\n['b.txt', 'l']\n/\n", output);
        Path pm = server.sftpRoot.resolve("pm");
        assertEquals("0123", Files.readString(pm.resolve("b.txt")));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(pm.resolve("b.txt"))));
        assertEquals(Path.of("a.txt"), Files.readSymbolicLink(pm.resolve("l")));
    }
}
