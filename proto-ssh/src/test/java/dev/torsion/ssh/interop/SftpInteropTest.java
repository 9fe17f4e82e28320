package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH's {@code sftp -b} against our SFTP server: transfers with matching hashes, directory work, confinement. */
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
        Path file = Files.createTempFile(dir, "batch", ".txt");
        Files.writeString(file, batch);
        Process process = new ProcessBuilder("/usr/bin/sftp", "-F", "/dev/null", "-P", String.valueOf(server.port),
                "-o", "UserKnownHostsFile=" + server.knownHosts(), "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", server.clientKeyFile.toString(),
                "-b", file.toString(), TestServer.USER + "@127.0.0.1")
                .redirectErrorStream(true).directory(dir.toFile()).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "sftp timed out");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static byte[] sha256(Path file) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
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
                "get escape/outside.txt got3.txt", "ls escape/")) {
            Result refused = sftp(command + "\n");
            assertNotEquals(0, refused.status(), command + ": " + refused.output());
        }
        assertFalse(Files.exists(dir.resolve("got1.txt")));
        assertFalse(Files.exists(dir.resolve("got3.txt")));
    }
}
