package dev.torsion.plugin.conch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion conch} as a user runs it: the runner's main class in a JVM of its own, which makes
 * its host key file on first start and greets with its SSH identification; under the interop
 * profile OpenSSH's {@code ssh} (through sshpass) logs in with a password and runs a command, with
 * the host key checked against the file's public half.
 */
class ConchCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void makesItsHostKeyServesSshAndStopsOnSigterm() throws Exception {
        Path hostKey = dir.resolve("keys/ssh_host_ed25519_key");
        int port = freePort();
        Path output = dir.resolve("torsion.out");
        Process torsion = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion",
                "conch", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--host-key", hostKey.toString(),
                "--auth", "memory:alice:s3cret", "--sftp-root", Files.createDirectories(dir.resolve("files")).toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertEquals("SSH-2.0-Torsion_0.1", identificationWhenServing(port));
            assertTrue(Files.readString(hostKey).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(hostKey));
            if (Boolean.getBoolean("torsion.interop")) {
                sshExec(port, hostKey);
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertTrue(transcript.contains("torsion conch stopped"), transcript);
            assertTrue(!transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    private void sshExec(int port, Path hostKey) throws Exception {
        String publicKey = run("/usr/bin/ssh-keygen", "-y", "-f", hostKey.toString()).strip();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + publicKey + "\n");
        String out = run("/usr/bin/sshpass", "-p", "s3cret", "/usr/bin/ssh", "-F", "/dev/null", "-p", String.valueOf(port),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "LogLevel=ERROR",
                "alice@127.0.0.1", "echo hello from $USER");
        assertEquals("hello from alice\n", out);
        Files.writeString(dir.resolve("note.txt"), "via sftp");
        Path batch = dir.resolve("batch");
        Files.writeString(batch, "put " + dir.resolve("note.txt") + " note.txt\n");
        run("/usr/bin/sshpass", "-p", "s3cret", "/usr/bin/sftp", "-F", "/dev/null", "-P", String.valueOf(port),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=no", "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password",
                "-b", batch.toString(),
                "alice@127.0.0.1");
        assertEquals("via sftp", Files.readString(dir.resolve("files/note.txt")));
    }

    /** Reads the server's identification line, retrying while the JVM starts. */
    private static String identificationWhenServing(int port) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != '\r' && c >= 0; c = in.read()) {
                    line.append((char) c);
                }
                return line.toString();
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }

    private static String run(String... command) throws Exception {
        assertTrue(Files.isExecutable(Path.of(command[0])), command[0] + " is missing (install its Debian package)");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        return new String(output, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
