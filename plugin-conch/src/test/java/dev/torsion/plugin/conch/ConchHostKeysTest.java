package dev.torsion.plugin.conch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.ssh.SshKeyType;
import dev.torsion.ssh.transport.HostKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --host-key} repeated: files ssh-keygen made, an absent one made as ed25519, one key per type. */
class ConchHostKeysTest {
    @TempDir
    Path dir;

    private void keygen(String type, Path file) throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is missing (openssh-client)");
        Process process = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", type, "-N", "", "-f", file.toString())
                .redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue());
    }

    @Test
    void oneKeyOfEachTypeInTheOrderGiven() throws Exception {
        keygen("rsa", dir.resolve("rsa"));
        keygen("ecdsa", dir.resolve("ecdsa"));
        List<HostKey> keys = ConchPlugin.hostKeys(List.of(dir.resolve("ed25519"), dir.resolve("rsa"), dir.resolve("ecdsa")));
        assertEquals(List.of(SshKeyType.ED25519, SshKeyType.RSA, SshKeyType.ECDSA_P256),
                keys.stream().map(HostKey::type).toList());
        assertTrue(Files.readString(dir.resolve("ed25519")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        assertEquals(Files.readString(dir.resolve("rsa.pub")).split(" ")[1], keys.get(1).publicKeyLine().split(" ")[1]);
    }

    @Test
    void twoKeysOfOneTypeAreRefused() throws Exception {
        keygen("rsa", dir.resolve("rsa1"));
        keygen("rsa", dir.resolve("rsa2"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ConchPlugin.hostKeys(List.of(dir.resolve("rsa1"), dir.resolve("rsa2"))));
        assertTrue(error.getMessage().contains("two ssh-rsa host keys"), error.getMessage());
    }
}
