package dev.torsion.cred.ssh;

import static dev.torsion.cred.DeferredResults.successResultOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.DeferredResults;
import dev.torsion.cred.ValidPublicKey;
import dev.torsion.cred.checkers.SshPublicKeyChecker;
import dev.torsion.cred.credentials.SshPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Interop with OpenSSH's {@code ssh-keygen} (Debian package openssh-client): keys it makes parse
 * from their {@code .pub} lines, match its own fingerprints and public-key exports, verify
 * signatures it makes ({@code ssh-keygen -Y sign}), and sign logins with their private keys that
 * the checker accepts. Runs only under {@code -Pinterop}, where a missing ssh-keygen fails.
 */
@EnabledIfSystemProperty(named = "torsion.interop", matches = "true")
class SshKeygenInteropTest {
    private static final byte[] SIGNED = "interop session data".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"ed25519,0,ssh-ed25519,ssh-ed25519", "ecdsa,256,ecdsa-sha2-nistp256,ecdsa-sha2-nistp256",
        "ecdsa,384,ecdsa-sha2-nistp384,ecdsa-sha2-nistp384", "ecdsa,521,ecdsa-sha2-nistp521,ecdsa-sha2-nistp521",
        "rsa,3072,ssh-rsa,rsa-sha2-256", "rsa,4096,ssh-rsa,rsa-sha2-512"})
    void keysMadeBySshKeygen(String type, int bits, String sshName, String algorithm) throws Exception {
        Path key = dir.resolve("id_" + type + bits);
        List<String> generate = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C",
                "interop@torsion", "-f", key.toString()));
        if (bits > 0) {
            generate.addAll(List.of("-b", Integer.toString(bits)));
        }
        run(generate);
        String pubLine = Files.readString(Path.of(key + ".pub")).strip();

        // 1. The .pub line parses, with options in front too.
        AuthorizedKeysParser parser = new AuthorizedKeysParser();
        AuthorizedKeys parsed = parser.parse(List.of(pubLine, "no-pty,from=\"127.0.0.1\" " + pubLine));
        assertEquals(List.of(), parsed.problems());
        AuthorizedKey authorized = parsed.keys().get(0);
        assertEquals(sshName, authorized.key().type().sshName());
        assertEquals("interop@torsion", authorized.comment());
        byte[] blob = authorized.key().blob();
        assertArrayEquals(blob, SshPublicKeys.encode(authorized.key().publicKey()), "we re-encode what ssh-keygen wrote");

        // 2. ssh-keygen's fingerprint is the SHA-256 of the blob we decoded.
        String fingerprint = run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", key + ".pub"));
        String ours = "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        assertTrue(fingerprint.contains(ours), fingerprint + " vs " + ours);

        // 3. Its PKCS8 export of the public key is the key we decoded (OpenSSH cannot export Ed25519 so).
        if (!type.equals("ed25519")) {
            byte[] spki = pem(run(List.of("ssh-keygen", "-e", "-m", "PKCS8", "-f", key + ".pub")), "PUBLIC KEY");
            PublicKey exported = KeyFactory.getInstance(jdkKeyAlgorithm(type)).generatePublic(new X509EncodedKeySpec(spki));
            assertEquals(exported, authorized.key().publicKey());
        }

        // 4. A signature ssh-keygen makes (SSHSIG format, PROTOCOL.sshsig) verifies with our code.
        Path message = dir.resolve("message-" + type + bits + ".txt");
        Files.writeString(message, "hello from ssh-keygen\n");
        run(List.of("ssh-keygen", "-Y", "sign", "-f", key.toString(), "-n", "torsion-test", message.toString()));
        verifySshsig(authorized.key(), Files.readString(Path.of(message + ".sig")), Files.readAllBytes(message));

        // 5. Logins signed with the private key ssh-keygen made are accepted by the checker.
        PrivateKey privateKey = privateKey(type, key);
        Files.createDirectories(dir.resolve("home/.ssh"));
        Files.writeString(dir.resolve("home/.ssh/authorized_keys"), "no-pty,from=\"127.0.0.1\" " + pubLine + "\n");
        SshPublicKeyChecker checker = new SshPublicKeyChecker(
                AuthorizedKeysSource.inHomeDirectories(user -> user.equals("alice") ? dir.resolve("home") : null),
                new SshPublicKeyChecker.Options());
        SshPublicKey login = SshPublicKey.signed("alice", algorithm, blob, SIGNED,
                SshSignatures.sign(privateKey, algorithm, SIGNED)).fromPeer("127.0.0.1");
        AvatarId id = successResultOf(checker.requestAvatarId(login));
        assertFalse(id.attribute(AuthorizedKeyOptions.class).orElseThrow().allowsPty());
        DeferredResults.failureResultOf(checker.requestAvatarId(
                SshPublicKey.query("alice", algorithm, blob).fromPeer("127.0.0.1")), ValidPublicKey.class);
    }

    /** Checks an armored SSHSIG signature over {@code message} with {@code key}. */
    private static void verifySshsig(SshKey key, String armored, byte[] message) throws Exception {
        byte[] sshsig = pem(armored, "SSH SIGNATURE");
        byte[] magic = Arrays.copyOf(sshsig, 6);
        assertArrayEquals("SSHSIG".getBytes(StandardCharsets.US_ASCII), magic);
        SshWireReader body = new SshWireReader(Arrays.copyOfRange(sshsig, 6, sshsig.length));
        assertEquals(1, body.readUint32());
        assertArrayEquals(key.blob(), body.readString(), "the signature names the same key");
        byte[] namespace = body.readString();
        byte[] reserved = body.readString();
        String hashAlgorithm = body.readAsciiString();
        byte[] signature = body.readString();
        body.ensureFullyRead();
        String digest = hashAlgorithm.equals("sha512") ? "SHA-512" : "SHA-256";
        byte[] signedData = concat("SSHSIG".getBytes(StandardCharsets.US_ASCII), new SshWireWriter().writeString(namespace)
                .writeString(reserved).writeString(hashAlgorithm)
                .writeString(MessageDigest.getInstance(digest).digest(message)).toByteArray());
        String algorithm = new SshWireReader(signature).readAsciiString();
        assertTrue(SshSignatures.verify(key, algorithm, signature, signedData, false),
                "ssh-keygen's " + algorithm + " signature verifies");
        byte[] tampered = signedData.clone();
        tampered[tampered.length - 1] ^= 1;
        assertFalse(SshSignatures.verify(key, algorithm, signature, tampered, false));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private PrivateKey privateKey(String type, Path key) throws Exception {
        if (type.equals("ed25519")) {
            return ed25519FromOpenSshFormat(pem(Files.readString(key), "OPENSSH PRIVATE KEY"));
        }
        Path copy = Path.of(key + ".pkcs8");
        Files.copy(key, copy);
        run(List.of("ssh-keygen", "-q", "-p", "-m", "PKCS8", "-P", "", "-N", "", "-f", copy.toString()));
        byte[] pkcs8 = pem(Files.readString(copy), "PRIVATE KEY");
        return KeyFactory.getInstance(jdkKeyAlgorithm(type)).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /**
     * The Ed25519 private key of an unencrypted {@code openssh-key-v1} file (PROTOCOL.key), which
     * ssh-keygen cannot export as PKCS8: its 32-byte seed wrapped in a PKCS8 structure.
     */
    private static PrivateKey ed25519FromOpenSshFormat(byte[] data) throws Exception {
        byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(magic, Arrays.copyOf(data, magic.length));
        SshWireReader reader = new SshWireReader(Arrays.copyOfRange(data, magic.length, data.length));
        assertEquals("none", reader.readAsciiString(), "cipher");
        assertEquals("none", reader.readAsciiString(), "kdf");
        reader.readString();
        assertEquals(1, reader.readUint32());
        reader.readString(); // public key
        SshWireReader secret = new SshWireReader(reader.readString());
        assertEquals(secret.readUint32(), secret.readUint32(), "check integers match");
        assertEquals("ssh-ed25519", secret.readAsciiString());
        secret.readString(); // public part
        byte[] seedAndPublic = secret.readString();
        byte[] prefix = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
        byte[] pkcs8 = concat(prefix, Arrays.copyOf(seedAndPublic, 32));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    private static String jdkKeyAlgorithm(String type) {
        return type.equals("rsa") ? "RSA" : "EC";
    }

    private static byte[] pem(String text, String label) {
        int begin = text.indexOf("-----BEGIN " + label + "-----");
        int end = text.indexOf("-----END " + label + "-----");
        assertTrue(begin >= 0 && end > begin, "no " + label + " in output");
        String body = text.substring(begin + ("-----BEGIN " + label + "-----").length(), end);
        return Base64.getMimeDecoder().decode(body);
    }

    /** Runs a program, failing the test when it cannot start, fails or hangs; gives its output. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed: " + text);
        return text;
    }
}
