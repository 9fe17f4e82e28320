package dev.torsion.ssh.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.netty.testing.FreePorts;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.netty.testing.PeerProcess;
import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.SshLimits;
import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.client.ExecResult;
import dev.torsion.ssh.client.KnownHosts;
import dev.torsion.ssh.client.SshClient;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.transport.HostKey;
import dev.torsion.ssh.transport.TransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client against OpenSSH's {@code sshd}, started on loopback by the test with a host key our
 * {@link HostKey} wrote (so sshd also reads our OpenSSH key format): key login, known_hosts
 * checking, exec, every key exchange and cipher OpenSSH 9.2 has.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class OpenSshServerInteropTest {
    @TempDir
    static Path dir;
    static PeerProcess sshd;
    static int port;
    static LiveReactor live;
    static HostKey hostKey;
    static HostKey userKey;
    static String user = System.getProperty("user.name");

    @BeforeAll
    static void start() throws Exception {
        Programs.require("/usr/sbin/sshd");
        Files.createDirectories(Path.of("/run/sshd"));
        hostKey = HostKey.generate(new SecureRandom(), "sshd test host");
        hostKey.write(dir.resolve("host_key"));
        userKey = HostKey.generate(new SecureRandom(), "client");
        // Keys ssh-keygen makes: more host keys for sshd, and client identities, two of them encrypted.
        keygen(dir.resolve("host_rsa"), "rsa", "3072", "");
        keygen(dir.resolve("host_ecdsa"), "ecdsa", "256", "");
        keygen(dir.resolve("id_rsa"), "rsa", "3072", PASSPHRASE);
        keygen(dir.resolve("id_ecdsa"), "ecdsa", "256", "");
        keygen(dir.resolve("id_ed25519"), "ed25519", "256", PASSPHRASE);
        StringBuilder authorized = new StringBuilder(userKey.publicKeyLine()).append('\n');
        for (String identity : new String[] {"id_rsa", "id_ecdsa", "id_ed25519"}) {
            authorized.append(Files.readString(dir.resolve(identity + ".pub")));
        }
        Files.writeString(dir.resolve("authorized_keys"), authorized.toString());
        port = FreePorts.tcp();
        sshd = PeerProcess.start(List.of("/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-p", String.valueOf(port),
                "-o", "ListenAddress=127.0.0.1", "-h", dir.resolve("host_key").toString(),
                "-h", dir.resolve("host_rsa").toString(), "-h", dir.resolve("host_ecdsa").toString(),
                "-o", "AuthorizedKeysFile=" + dir.resolve("authorized_keys"), "-o", "StrictModes=no",
                "-o", "PidFile=none", "-o", "UsePAM=no", "-o", "PermitRootLogin=prohibit-password"), dir.resolve("sshd.log"), port);
        live = new LiveReactor();
    }

    static final String PASSPHRASE = "correct horse battery";

    /** ssh-keygen makes a {@code type} key of {@code bits} in {@code file} (and file.pub), encrypted when a passphrase is given. */
    static void keygen(Path file, String type, String bits, String passphrase) throws Exception {
        Programs.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-b", bits, "-N", passphrase, "-C", type + "@test",
                "-f", file.toString()));
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

    static KnownHosts known() {
        return KnownHosts.parse(List.of("[127.0.0.1]:" + port + " " + hostKey.publicKeyLine()));
    }

    static ExecResult exec(TransportConfig config, String command) throws Exception {
        return live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, userKey, null, known(),
                config, SshLimits.DEFAULTS).addCallbackDeferred(client -> client.exec(command)
                .addCallback(result -> {
                    client.disconnect(11, "done");
                    return result;
                })));
    }

    @Test
    void execWithKey() throws Exception {
        ExecResult result = exec(TransportConfig.DEFAULTS, "echo out; echo err >&2; exit 5");
        assertEquals(5, result.exitStatus());
        assertEquals("out\n", result.stdoutText());
        // sshd runs the command through the account's shell, whose start-up files are the
        // machine's: root's .bashrc here runs `pyenv init`, which under load may first write
        // "pyenv: cannot rehash ..." to stderr. The command's own line comes last, and alone.
        String stderr = result.stderrText();
        assertTrue(stderr.equals("err\n") || stderr.endsWith("\nerr\n") && !stderr.contains("out\n"), stderr);
    }

    @Test
    void unknownHostKeyIsRefused() throws Exception {
        Exception error = assertThrows(Exception.class, () -> live.await(() -> SshClient.connect(live.reactor,
                "127.0.0.1", port, user, userKey, null, KnownHosts.parse(List.of()))));
        assertInstanceOf(SshProtocolException.class, error);
    }

    @Test
    void hashedKnownHostsFromSshKeygen() throws Exception {
        Path file = dir.resolve("known_hosts_hashed");
        Files.writeString(file, "[127.0.0.1]:" + port + " " + hostKey.publicKeyLine() + "\n");
        Process hash = new ProcessBuilder("/usr/bin/ssh-keygen", "-H", "-f", file.toString()).redirectErrorStream(true)
                .start();
        hash.getInputStream().readAllBytes();
        assertTrue(hash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, hash.exitValue());
        assertTrue(Files.readString(file).startsWith("|1|"), Files.readString(file));
        KnownHosts hashed = KnownHosts.read(file);
        ExecResult result = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, userKey, null,
                hashed).addCallbackDeferred(client -> client.exec("echo hashed")));
        assertEquals("hashed\n", result.stdoutText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sntrup761x25519-sha512@openssh.com", "curve25519-sha256",
        "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512"})
    void everyKeyExchange(String kex) throws Exception {
        assertEquals(kex + "\n", exec(TransportConfig.DEFAULTS.withKex(List.of(kex)), "echo " + kex).stdoutText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
        "aes128-ctr", "aes192-ctr", "aes256-ctr"})
    void everyCipher(String cipher) throws Exception {
        ExecResult result = exec(TransportConfig.DEFAULTS.withCiphers(List.of(CipherAlgorithm.of(cipher).orElseThrow()),
                List.of(MacAlgorithm.HMAC_SHA2_512_ETM)), "head -c 3000000 /dev/zero");
        assertEquals(3_000_000, result.stdout().length);
        assertEquals(0, result.exitStatus());
    }

    /** Our client verifies sshd's RSA (rsa-sha2-512, rsa-sha2-256) and ECDSA host key signatures. */
    @ParameterizedTest
    @ValueSource(strings = {"rsa-sha2-512:host_rsa", "rsa-sha2-256:host_rsa", "ecdsa-sha2-nistp256:host_ecdsa"})
    void everyHostKeyAlgorithm(String pair) throws Exception {
        String algorithm = pair.split(":")[0];
        String publicKey = Files.readString(dir.resolve(pair.split(":")[1] + ".pub")).strip();
        KnownHosts known = KnownHosts.parse(List.of("[127.0.0.1]:" + port + " " + publicKey));
        TransportConfig config = TransportConfig.DEFAULTS.withHostKeyAlgorithms(List.of(algorithm));
        ExecResult result = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, userKey, null,
                known, config, SshLimits.DEFAULTS).addCallbackDeferred(client -> {
                    assertEquals(algorithm, client.negotiated().hostKey());
                    return client.exec("echo " + algorithm);
                }));
        assertEquals(algorithm + "\n", result.stdoutText());
        // A known_hosts entry for another key of the host is refused, whatever the algorithm.
        assertThrows(Exception.class, () -> live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user,
                userKey, null, known(), config, SshLimits.DEFAULTS)));
    }

    /** Identities ssh-keygen made, two of them encrypted (bcrypt + aes256-ctr), log in to sshd. */
    @ParameterizedTest
    @ValueSource(strings = {"id_rsa", "id_ecdsa", "id_ed25519"})
    void identitiesFromSshKeygen(String file) throws Exception {
        Path path = dir.resolve(file);
        HostKey identity = file.equals("id_ecdsa") ? HostKey.read(path) : HostKey.read(path, PASSPHRASE);
        assertEquals(Files.readString(dir.resolve(file + ".pub")).split(" ")[1], identity.publicKeyLine().split(" ")[1]);
        ExecResult result = live.await(() -> SshClient.connect(live.reactor, "127.0.0.1", port, user, identity, null,
                known()).addCallbackDeferred(client -> client.exec("echo logged in with " + file)));
        assertEquals("logged in with " + file + "\n", result.stdoutText());
    }
}
