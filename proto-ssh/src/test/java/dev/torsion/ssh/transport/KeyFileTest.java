package dev.torsion.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.ssh.SshKeyType;
import dev.torsion.cred.ssh.SshPublicKeys;
import dev.torsion.cred.ssh.SshSignatures;
import dev.torsion.netty.testing.Programs;
import dev.torsion.ssh.codec.WireWriter;
import dev.torsion.ssh.support.MemorySsh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSH private key files as ssh-keygen makes them at test time (RSA, ECDSA, ed25519; in the
 * clear and encrypted with bcrypt + aes256-ctr), and the Blowfish under bcrypt_pbkdf checked
 * against pi and Eric Young's Blowfish test vectors.
 */
class KeyFileTest {
    static final String PASSPHRASE = "tr0ub4dor & 3";
    static final byte[] DATA = "the exchange hash".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path dir;

    @BeforeAll
    static void keygen() throws Exception {
        for (String type : new String[] {"rsa", "ecdsa", "ed25519"}) {
            String bits = type.equals("rsa") ? "2048" : "256";
            Programs.run(List.of("/usr/bin/ssh-keygen", "-q", "-t", type, "-b", bits, "-N", "", "-C", type + " key",
                    "-f", dir.resolve(type).toString()));
            // The same key, encrypted: ssh-keygen -p re-writes a copy with a passphrase (aes256-ctr, bcrypt, 16 rounds).
            Path encrypted = dir.resolve(type + "_encrypted");
            Files.copy(dir.resolve(type), encrypted);
            Programs.run(List.of("/usr/bin/ssh-keygen", "-q", "-p", "-P", "", "-N", PASSPHRASE, "-f", encrypted.toString()));
        }
    }

    private static String publicLine(String type) throws IOException {
        String[] fields = Files.readString(dir.resolve(type + ".pub")).split(" ");
        return fields[0] + " " + fields[1];
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa", "ed25519"})
    void readsWhatSshKeygenWrites(String type) throws Exception {
        HostKey key = HostKey.read(dir.resolve(type));
        assertEquals(publicLine(type), key.publicKeyLine());
        for (String algorithm : key.signatureAlgorithms()) {
            byte[] signature = key.sign(algorithm, DATA);
            assertTrue(SshSignatures.verify(SshPublicKeys.decode(key.publicBlob()), algorithm, signature, DATA, false),
                    algorithm);
            assertFalse(SshSignatures.verify(SshPublicKeys.decode(key.publicBlob()), algorithm, signature,
                    "other data".getBytes(StandardCharsets.US_ASCII), false), algorithm);
        }
    }

    @Test
    void signatureAlgorithmsPerType() throws Exception {
        assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256"), HostKey.read(dir.resolve("rsa")).signatureAlgorithms());
        assertEquals(List.of("ecdsa-sha2-nistp256"), HostKey.read(dir.resolve("ecdsa")).signatureAlgorithms());
        assertEquals(SshKeyType.ED25519, HostKey.read(dir.resolve("ed25519")).type());
        HostKey rsa = HostKey.read(dir.resolve("rsa"));
        assertThrows(IllegalArgumentException.class, () -> rsa.sign("ssh-rsa", DATA), "no SHA-1 signatures");
        assertThrows(UnsupportedOperationException.class, rsa::encode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecdsa", "ed25519"})
    void readsEncryptedFiles(String type) throws Exception {
        Path file = dir.resolve(type + "_encrypted");
        assertTrue(Files.readString(file).length() > 0);
        HostKey key = HostKey.read(file, PASSPHRASE);
        assertEquals(publicLine(type), key.publicKeyLine());
        assertArrayEquals(HostKey.read(dir.resolve(type)).publicBlob(), key.publicBlob());
        byte[] signature = key.sign(DATA);
        assertTrue(SshSignatures.verify(SshPublicKeys.decode(key.publicBlob()), key.signatureAlgorithm(), signature,
                DATA, false));
        IOException noPassphrase = assertThrows(IOException.class, () -> HostKey.read(file));
        assertTrue(noPassphrase.getMessage().contains("passphrase is needed"), noPassphrase.getMessage());
        IOException wrong = assertThrows(IOException.class, () -> HostKey.read(file, "wrong"));
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
    }

    @Test
    void ed25519KeysWeWriteSshKeygenReads() throws Exception {
        HostKey key = HostKey.generate(new SecureRandom(), "ours");
        Path file = dir.resolve("ours");
        key.write(file);
        String derived = Programs.run(List.of("/usr/bin/ssh-keygen", "-y", "-f", file.toString())).strip();
        assertEquals(key.publicKeyLine(), derived.split(" ")[0] + " " + derived.split(" ")[1]);
    }

    @Test
    void malformedFilesAreRefused() throws Exception {
        Path garbage = dir.resolve("garbage");
        Files.writeString(garbage, OpenSshKeyFile.BEGIN + "\nAAAA\n" + OpenSshKeyFile.END + "\n");
        assertThrows(IOException.class, () -> HostKey.read(garbage));
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "x".repeat(OpenSshKeyFile.MAX_TEXT + 1));
        assertThrows(IOException.class, () -> HostKey.read(huge));
    }

    /** A key file around {@code blob}: the armour OpenSSH writes. */
    private static String armour(byte[] blob) {
        return OpenSshKeyFile.BEGIN + "\n" + Base64.getMimeEncoder().encodeToString(blob) + "\n" + OpenSshKeyFile.END + "\n";
    }

    private static byte[] container(String cipher, String kdf, byte[] kdfOptions, int keys, byte[] secret) {
        return new WireWriter().writeRaw(OpenSshKeyFile.MAGIC).writeString(cipher).writeString(kdf)
                .writeString(kdfOptions).writeUint32(keys).writeString(MemorySsh.ALICE_KEY.publicBlob())
                .writeString(secret).toByteArray();
    }

    /** Hostile key files: each refused with its reason, quickly (no 2^31 bcrypt rounds). */
    @Test
    void hostileKeyFiles() {
        byte[] options = new WireWriter().writeString(new byte[16]).writeUint32(0x7fffffffL).toByteArray();
        byte[] sixteen = new byte[16];
        Map<String, byte[]> corpus = Map.of(
                "out of range", container("aes256-ctr", "bcrypt", options, 1, sixteen),
                "not supported", container("aes256-gcm@openssh.com", "bcrypt", options, 1, sixteen),
                "one key per file", container("none", "none", new byte[0], 2, sixteen),
                "without a cipher", container("none", "bcrypt", new byte[0], 1, sixteen),
                "check numbers differ", container("none", "none", new byte[0], 1,
                        new WireWriter().writeUint32(1).writeUint32(2).toByteArray()),
                "malformed", container("none", "none", new byte[0], 1, new byte[3]),
                "whole number of blocks", container("aes256-ctr", "bcrypt",
                        new WireWriter().writeString(new byte[16]).writeUint32(16).toByteArray(), 1, new byte[15]));
        corpus.forEach((reason, blob) -> {
            long started = System.nanoTime();
            IOException error = assertThrows(IOException.class,
                    () -> OpenSshKeyFile.decode(armour(blob), "x".getBytes(StandardCharsets.US_ASCII)), reason);
            assertTrue(error.getMessage().contains(reason), reason + ": " + error.getMessage());
            assertTrue(System.nanoTime() - started < 2_000_000_000L, reason + " took too long");
        });
    }

    // ---------------------------------------------------------------- Blowfish and bcrypt_pbkdf

    @Test
    void blowfishTablesArePiDigits() {
        int[] words = Blowfish.piWords(18 + 1024);
        assertEquals(0x243f6a88, words[0]);
        assertEquals(0x85a308d3, words[1]);
        assertEquals(0x8979fb1b, words[17]); // P[17]
        assertEquals(0xd1310ba6, words[18]); // S0[0]
        assertEquals(0x3ac372e6, words[1041]); // S3[255]
    }

    /** Eric Young's Blowfish vectors: Blowfish's key schedule is expand0state on the initial state. */
    @ParameterizedTest
    @ValueSource(strings = {"0000000000000000:0000000000000000:4ef997456198dd78",
        "ffffffffffffffff:ffffffffffffffff:51866fd5b85ecb8a", "3000000000000000:1000000000000001:7d856f9a613063f2",
        "0123456789abcdef:1111111111111111:61f9c3802281b096"})
    void blowfishKnownAnswers(String vector) {
        String[] parts = vector.split(":");
        Blowfish blowfish = new Blowfish();
        blowfish.expandZeroState(HexFormat.of().parseHex(parts[0]));
        long plain = Long.parseUnsignedLong(parts[1], 16);
        int[] block = {(int) (plain >>> 32), (int) plain};
        blowfish.encipher(block, 0);
        assertEquals(parts[2], String.format("%08x%08x", block[0], block[1]));
    }

    /**
     * bcrypt_pbkdf answers: the first is OpenBSD's own test vector ("password", "salt", 4 rounds);
     * the others, with the output spread over several blocks (48 and 7 bytes), come from the
     * bcrypt module paramiko uses (python3-bcrypt 3.2.2's {@code bcrypt.kdf}).
     */
    @ParameterizedTest
    @ValueSource(strings = {"password:73616c74:4:5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9",
        "correct horse battery:000102030405060708090a0b0c0d0e0f:16:c625208529a9d6dee13b7b832f0a8d09dcd575e078326119f0"
                + "88858d0162350dc6dbbb9dda4b2f284c9214e2f88001f5",
        "p:00000000000000000000000000000000:1:83246fbc42c657"})
    void bcryptPbkdfKnownAnswers(String vector) {
        String[] parts = vector.split(":");
        byte[] expected = HexFormat.of().parseHex(parts[3]);
        byte[] derived = BcryptPbkdf.derive(parts[0].getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(parts[1]),
                Integer.parseInt(parts[2]), expected.length);
        assertEquals(parts[3], HexFormat.of().formatHex(derived));
    }

    @Test
    void bcryptPbkdfLimits() {
        assertThrows(IllegalArgumentException.class, () -> BcryptPbkdf.derive(new byte[1], new byte[16], 0, 48));
        assertThrows(IllegalArgumentException.class,
                () -> BcryptPbkdf.derive(new byte[1], new byte[16], BcryptPbkdf.MAX_ROUNDS + 1, 48));
        assertEquals(48, BcryptPbkdf.derive("p".getBytes(StandardCharsets.US_ASCII), new byte[16], 1, 48).length);
    }
}
