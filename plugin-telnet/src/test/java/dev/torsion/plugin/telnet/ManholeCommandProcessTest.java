package dev.torsion.plugin.telnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code torsion manhole --telnet ... --ssh ...} as a process: both listeners up (the Telnet login
 * prompt, the SSH identification, the host key made); under the interop profile OpenSSH's
 * {@code ssh -tt} (password through sshpass, driven by expect) gets the JShell prompt without a
 * second login and evaluates {@code 1+1}.
 */
class ManholeCommandProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void servesTelnetAndSsh() throws Exception {
        int telnetPort = FreePorts.tcp();
        int sshPort = FreePorts.tcp();
        Path hostKey = dir.resolve("manhole_key");
        Path output = dir.resolve("torsion.out");
        Process torsion = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.torsion.app.Torsion", "manhole",
                "--telnet", "tcp:" + telnetPort + ":interface=127.0.0.1",
                "--ssh", "tcp:" + sshPort + ":interface=127.0.0.1", "--host-key", hostKey.toString(),
                "--auth", "memory:admin:s3cret"))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(firstBytes(telnetPort, "login: ").endsWith("login: "));
            assertEquals("SSH-2.0-Torsion_0.1", firstBytes(sshPort, "\r").strip());
            assertTrue(Files.readString(hostKey).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
            if (Boolean.getBoolean("torsion.interop")) {
                sshShell(sshPort, hostKey);
            }
            torsion.destroy(); // SIGTERM
            assertTrue(torsion.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS), "torsion did not stop on SIGTERM");
            String transcript = Files.readString(output);
            assertEquals(0, torsion.exitValue(), transcript);
            assertFalse(transcript.contains("s3cret"), "a password reached the log:\n" + transcript);
        } finally {
            torsion.destroyForcibly();
        }
    }

    private void sshShell(int port, Path hostKey) throws Exception {
        String publicKey = run(List.of("/usr/bin/ssh-keygen", "-y", "-f", hostKey.toString())).strip();
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + publicKey + "\n");
        Path script = dir.resolve("ssh.exp");
        Files.writeString(script, String.join("\n",
                "set timeout 30",
                "spawn /usr/bin/sshpass -p s3cret /usr/bin/ssh -tt -F /dev/null -p " + port
                        + " -o UserKnownHostsFile=" + knownHosts + " -o StrictHostKeyChecking=yes"
                        + " -o PubkeyAuthentication=no -o PreferredAuthentications=password -o LogLevel=ERROR"
                        + " admin@127.0.0.1",
                "expect_after { timeout { puts \"\\nTIMEOUT\"; exit 2 } eof { puts \"\\nEOF\"; exit 3 } }",
                "expect \"jshell> \"",
                "send \"1+1\\r\"",
                "expect -re {\\$[0-9]+ ==> 2}",
                "expect \"jshell> \"",
                "send \"\\004\"",
                "expect_after",
                "expect { timeout { exit 4 } eof {} }",
                ""));
        String transcript = run(List.of("/usr/bin/expect", script.toString()));
        assertFalse(transcript.contains("login:"), "SSH already logged the user in:\n" + transcript);
    }

    private static String run(List<String> command) throws Exception {
        assertTrue(Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is missing (install its package)");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    /** Connects (retrying while the JVM starts) and reads until {@code end}. */
    private static String firstBytes(int port, String end) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                    int b = in.read();
                    if (b < 0) {
                        throw new IOException("closed: " + seen.toString(StandardCharsets.ISO_8859_1));
                    }
                    seen.write(b);
                }
                return seen.toString(StandardCharsets.ISO_8859_1);
            } catch (ConnectException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                TimeUnit.MILLISECONDS.sleep(50); // poll interval while the JVM starts
            }
        }
    }
}
