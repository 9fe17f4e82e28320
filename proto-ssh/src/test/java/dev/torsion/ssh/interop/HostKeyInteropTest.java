package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.support.TestServer;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our server with three host keys, the RSA and ECDSA ones made by ssh-keygen: OpenSSH's {@code ssh}
 * told to accept only one algorithm (HostKeyAlgorithms) checks the server's signature with the
 * matching key from known_hosts, and {@code ssh-keyscan} sees every key the server offers.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class HostKeyInteropTest {
    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Programs.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f",
                dir.resolve("host_rsa").toString()));
        Programs.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f",
                dir.resolve("host_ecdsa").toString()));
        server = new TestServer(dir, TransportConfig.DEFAULTS, SshLimits.DEFAULTS,
                List.of(HostKey.read(dir.resolve("host_rsa")), HostKey.read(dir.resolve("host_ecdsa"))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-sha2-512:host_rsa", "rsa-sha2-256:host_rsa", "ecdsa-sha2-nistp256:host_ecdsa",
        "ssh-ed25519:"})
    void openSshVerifiesEachHostKeyAlgorithm(String pair) throws Exception {
        String algorithm = pair.split(":", -1)[0];
        String file = pair.split(":", -1)[1];
        String publicKey = file.isEmpty() ? server.hostKey.publicKeyLine()
                : Files.readString(dir.resolve(file + ".pub")).strip();
        Path knownHosts = dir.resolve("known_hosts_" + algorithm);
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.port + " " + publicKey + "\n");
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh", "-F", "/dev/null", "-p", String.valueOf(server.port),
                "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "HostKeyAlgorithms=" + algorithm,
                "-i", server.clientKeyFile.toString(), TestServer.USER + "@127.0.0.1", "echo " + algorithm));
        Process ssh = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ssh.getInputStream().readAllBytes());
        assertTrue(ssh.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, ssh.exitValue(), output);
        assertEquals(algorithm + "\n", output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa", "ed25519"})
    void sshKeyscanSeesEveryHostKey(String type) throws Exception {
        String scanned = Programs.run(List.of("/usr/bin/ssh-keyscan", "-p", String.valueOf(server.port), "-t", type,
                "127.0.0.1"));
        String expected = switch (type) {
            case "rsa" -> Files.readString(dir.resolve("host_rsa.pub")).split(" ")[1];
            case "ecdsa" -> Files.readString(dir.resolve("host_ecdsa.pub")).split(" ")[1];
            default -> server.hostKey.publicKeyLine().split(" ")[1];
        };
        assertTrue(scanned.contains(expected), scanned);
    }
}
