package dev.torsion.plugin.conch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.File;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

    /**
     * Run by an unprivileged user, conch runs every session as that user, with SFTP: as root, the
     * runner drops to nobody after binding ({@code --uid}), as a user of that mode would run it.
     */
    @Test
    void makesItsHostKeyServesSshAndStopsOnSigterm() throws Exception {
        Path hostKey = dir.resolve("keys/ssh_host_ed25519_key");
        int port = FreePorts.tcp();
        Path output = dir.resolve("torsion.out");
        Path files = Files.createDirectories(dir.resolve("files"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion"));
        if (SessionAccounts.runsAsRoot()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxrwxrwx"));
            command.addAll(List.of("--uid", "nobody", "--gid", "nogroup"));
        }
        // A second host key, RSA, made by ssh-keygen: --host-key repeats.
        Path rsaKey = dir.resolve("ssh_host_rsa_key");
        run("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", rsaKey.toString());
        command.addAll(List.of("conch", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--host-key", hostKey.toString(),
                "--host-key", rsaKey.toString(), "--keyboard-interactive",
                "--auth", "memory:alice:s3cret", "--sftp-root", files.toString()));
        Process torsion = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertEquals("SSH-2.0-Torsion_0.1", identificationWhenServing(port));
            assertTrue(Files.readString(hostKey).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(hostKey));
            if (Boolean.getBoolean("torsion.interop")) {
                sshExec(port, hostKey);
                keyboardInteractiveWithTheRsaHostKey(port, rsaKey);
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

    /**
     * As root, conch runs a session as the logged-in user's UNIX account, as sshd does: the
     * command's user and group ids, home and working directory are the account's, and a login
     * without an account is refused. Needs root (CI runs as root) and OpenSSH's client.
     */
    @Test
    @EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
    void asRootEachSessionRunsAsTheLoggedInUsersAccount() throws Exception {
        assumeTrue(SessionAccounts.runsAsRoot(), "switching accounts needs root");
        String user = "tconch" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        Path home = Path.of("/tmp", user);
        run("/usr/sbin/useradd", "--system", "--shell", "/bin/sh", "--home-dir", home.toString(), "--create-home", user);
        Path hostKey = dir.resolve("keys/ssh_host_ed25519_key");
        int port = FreePorts.tcp();
        Process torsion = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion",
                "conch", "--listen", "tcp:" + port + ":interface=127.0.0.1", "--host-key", hostKey.toString(),
                "--auth", "memory:" + user + ":s3cret:ghost:s3cret"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("torsion.out").toFile()).start();
        try {
            identificationWhenServing(port);
            Path knownHosts = knownHosts(port, hostKey);
            String uid = run("/usr/bin/id", "-u", user).strip();
            String gid = run("/usr/bin/id", "-g", user).strip();
            Process session = new ProcessBuilder(ssh(port, knownHosts, user, "id -u; id -g; echo $HOME; pwd"))
                    .redirectErrorStream(true).start();
            String out = new String(session.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(session.waitFor(30, TimeUnit.SECONDS));
            assertEquals(uid + "\n" + gid + "\n" + home + "\n" + home + "\n", out, Files.readString(dir.resolve("torsion.out")));
            assertTrue(!uid.equals("0"));
            Process ghost = new ProcessBuilder(ssh(port, knownHosts, "ghost", "id -u")).redirectErrorStream(true).start();
            String refused = new String(ghost.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ghost.waitFor(30, TimeUnit.SECONDS));
            // sshpass exits 5 when the server refuses the password.
            assertEquals(5, ghost.exitValue(), "a login without a UNIX account must be refused: " + refused);
            assertTrue(refused.contains("Permission denied"), refused);
            assertTrue(Files.readString(dir.resolve("torsion.out")).contains("there is no UNIX account of that name"));
        } finally {
            torsion.destroy();
            torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            torsion.destroyForcibly();
            run("/usr/sbin/userdel", "--remove", user);
        }
    }

    private Path knownHosts(int port, Path hostKey) throws Exception {
        String publicKey = run("/usr/bin/ssh-keygen", "-y", "-f", hostKey.toString()).strip();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + publicKey + "\n");
        return knownHosts;
    }

    private static String[] ssh(int port, Path knownHosts, String user, String command) {
        return new String[] {"/usr/bin/sshpass", "-p", "s3cret", "/usr/bin/ssh", "-F", "/dev/null", "-p", String.valueOf(port),
            "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
            "-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password", "-o", "LogLevel=ERROR",
            user + "@127.0.0.1", command};
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

    /** OpenSSH accepting only rsa-sha2-512 host keys, logging in by keyboard-interactive (sshpass answers). */
    private void keyboardInteractiveWithTheRsaHostKey(int port, Path rsaKey) throws Exception {
        Path knownHosts = dir.resolve("known_hosts_rsa");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + Files.readString(Path.of(rsaKey + ".pub")));
        String out = run("/usr/bin/sshpass", "-p", "s3cret", "/usr/bin/ssh", "-F", "/dev/null", "-p", String.valueOf(port),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
                "-o", "HostKeyAlgorithms=rsa-sha2-512", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=keyboard-interactive", "-o", "LogLevel=ERROR",
                "alice@127.0.0.1", "echo rsa and keyboard-interactive");
        assertEquals("rsa and keyboard-interactive\n", out);
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
}
