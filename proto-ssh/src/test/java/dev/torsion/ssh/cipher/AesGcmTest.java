package dev.torsion.ssh.cipher;

import static dev.torsion.ssh.cipher.KnownAnswerTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * aes128-gcm and aes256-gcm@openssh.com on both implementations, each asked for in turn: the GCM
 * test cases of McGrew and Viega's GCM specification (those NIST's SP 800-38D validation lists),
 * an SSH packet pair whose invocation counter wraps between them (computed with BouncyCastle's
 * GCMBlockCipher, a third implementation), random packets sealed by one and opened by the other,
 * wrong tags refused alike, and the once-per-process choice.
 */
class AesGcmTest {
    private static final String K3 = "feffe9928665731c6d6a8f9467308308";
    private static final String P3 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String IV3 = "cafebabefacedbaddecaf888";
    private static final String A4 = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    private static final String C3 = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985";
    private static final String C15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    private static final String ZERO_IV = "000000000000000000000000";
    private static final String ZERO_128 = "00000000000000000000000000000000";

    /** The SSH packet sealed below: SERVICE_REQUEST "ssh-userauth" with 14 bytes of padding. */
    private static final byte[] SERVICE_REQUEST = hex("00000020 0e 05 0000000c 7373682d7573657261757468"
            + " 0102030405060708090a0b0c0d0e");
    /** The derived IV: fixed field a0a1a2a3, invocation counter 2^64 - 1, so the next packet's is 0. */
    private static final byte[] WRAPPING_IV = hex("a0a1a2a3 ffffffffffffffff");

    /** McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 1-4 and 13-16. */
    static Stream<Arguments> gcmTestCases() {
        return Stream.of(
                testCase(1, ZERO_128, ZERO_IV, "", "", "", "58e2fccefa7e3061367f1d57a4e7455a"),
                testCase(2, ZERO_128, ZERO_IV, "", ZERO_128, "0388dace60b6a392f328c2b971b2fe78",
                        "ab6e47d42cec13bdf53a67b21257bddf"),
                testCase(3, K3, IV3, "", P3, C3, "4d5c2af327cd64a62cf35abd2ba6fab4"),
                testCase(4, K3, IV3, A4, P3.substring(0, 120), C3.substring(0, 120), "5bc94fbc3221a5db94fae95ae7121a47"),
                testCase(13, ZERO_128 + ZERO_128, ZERO_IV, "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"),
                testCase(14, ZERO_128 + ZERO_128, ZERO_IV, "", ZERO_128, "cea7403d4d606b6e074ec5d3baf39d18",
                        "d0d1c8a799996bf0265b98b5d48ab919"),
                testCase(15, K3 + K3, IV3, "", P3, C15, "b094dac5d93471bdec1a502270e3cc6c"),
                testCase(16, K3 + K3, IV3, A4, P3.substring(0, 120), C15.substring(0, 120),
                        "76fc6ece0f4e1768cddf8853bb2d551b"))
                .flatMap(vector -> Stream.of(CipherImplementation.values())
                        .map(implementation -> Arguments.of(implementation, vector)));
    }

    private static Vector testCase(int number, String key, String iv, String aad, String plain, String cipher,
            String tag) {
        return new Vector(number, hex(key), hex(iv), hex(aad), hex(plain), hex(cipher + tag));
    }

    /** One GCM test case: the ciphertext and tag together as {@code sealed}. */
    record Vector(int number, byte[] key, byte[] iv, byte[] aad, byte[] plain, byte[] sealed) {
        @Override
        public String toString() {
            return "test case " + number;
        }
    }

    private static Gcm gcm(CipherImplementation implementation, byte[] key) {
        return implementation == CipherImplementation.NATIVE ? new NativeGcm(key) : new JdkGcm(key);
    }

    /** Each test case sealed and opened at an offset, the data before the text as SSH lays a packet out. */
    @ParameterizedTest
    @MethodSource("gcmTestCases")
    void gcmTestCase(CipherImplementation implementation, Vector vector) {
        int offset = 7;
        int aad = vector.aad().length;
        int text = vector.plain().length;
        byte[] buffer = new byte[offset + aad + text + Gcm.TAG_LENGTH + 5];
        System.arraycopy(vector.aad(), 0, buffer, offset, aad);
        System.arraycopy(vector.plain(), 0, buffer, offset + aad, text);
        gcm(implementation, vector.key()).seal(vector.iv(), buffer, offset, aad, text);
        assertArrayEquals(vector.sealed(), Arrays.copyOfRange(buffer, offset + aad, offset + aad + text + 16));
        assertTrue(gcm(implementation, vector.key()).open(vector.iv(), buffer, offset, aad, text));
        assertArrayEquals(vector.plain(), Arrays.copyOfRange(buffer, offset + aad, offset + aad + text));
    }

    /**
     * Two SERVICE_REQUEST packets from one sending cipher, the IV's invocation counter at 2^64 - 1
     * for the first and wrapped to 0 (the fixed field kept) for the second: the wire bytes
     * BouncyCastle computes with those nonces, opened again by a receiving cipher.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void sshPacketsWithTheCounterWrapping(CipherImplementation implementation) throws SshProtocolException {
        byte[] key128 = hex("c0ffee00112233445566778899aabbcc");
        assertSealsAndOpens(implementation, key128, hex("00000020"
                + "6d2f97dc6449741deba282826e67b54d15de8413cdbad88b4bf6517b7e73c7b58ed9489923ed18765a97e31bb05255ef"),
                hex("00000020"
                + "052778b81e22dc9084dd8427eafef5abb270fba355e30a5363d969a97b2428d73bac25a3183e1cbffb7202f412e5c6af"));
        byte[] key256 = hex("c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc");
        assertSealsAndOpens(implementation, key256, hex("00000020"
                + "8458a45e712e86a22dc4676ba11acd897bea5207c20b1f5b86f39dcbf7f4dc023165293b57615070c4e41659cc22850f"),
                hex("00000020"
                + "0515cff9326c0059838e961d85709a1ab62cd754cf9884df886e4460db9f1c191021524cb18bee44669070234bc8d5b8"));
    }

    private static void assertSealsAndOpens(CipherImplementation implementation, byte[] key, byte[] first, byte[] second)
            throws SshProtocolException {
        AesGcm sender = AesGcm.create(implementation, key, WRAPPING_IV, true);
        assertArrayEquals(first, sender.seal(0, SERVICE_REQUEST));
        assertArrayEquals(second, sender.seal(1, SERVICE_REQUEST));
        AesGcm receiver = AesGcm.create(implementation, key, WRAPPING_IV, false);
        byte[] payload = Arrays.copyOfRange(SERVICE_REQUEST, 4, SERVICE_REQUEST.length);
        assertEquals(0x20, receiver.packetLength(0, first));
        assertArrayEquals(payload, receiver.open(0, first));
        assertArrayEquals(payload, receiver.open(1, second));
    }

    /**
     * Random packets (up to 256 KiB, beyond the native buffer's first size) sealed by one
     * implementation give the other's wire bytes and open with the other, both ways, at an offset in
     * a larger buffer as the decoder holds them; the invocation counter wraps on the way.
     */
    @ParameterizedTest
    @EnumSource(names = {"AES128_GCM", "AES256_GCM"})
    void eachOpensWhatTheOtherSeals(CipherAlgorithm algorithm) throws SshProtocolException {
        Random random = new Random(20261207L + algorithm.keyLength());
        byte[] key = new byte[algorithm.keyLength()];
        random.nextBytes(key);
        byte[] iv = new byte[AesGcm.IV_LENGTH];
        random.nextBytes(iv);
        // 2^64 - 150: the low 64 bits wrap half way through the 300 packets.
        Arrays.fill(iv, 4, 11, (byte) 0xff);
        iv[11] = (byte) (256 - 150);
        PacketCipher nativeSender = AesGcm.create(CipherImplementation.NATIVE, key, iv, true);
        PacketCipher jdkSender = AesGcm.create(CipherImplementation.JDK, key, iv, true);
        PacketCipher nativeReceiver = AesGcm.create(CipherImplementation.NATIVE, key, iv, false);
        PacketCipher jdkReceiver = AesGcm.create(CipherImplementation.JDK, key, iv, false);
        CrossSealing.assertEachOpensWhatTheOtherSeals(random, 0, nativeSender, jdkSender, nativeReceiver, jdkReceiver);
    }

    /**
     * A byte changed in the length (the additional data), the ciphertext or the tag is
     * SSH_DISCONNECT_MAC_ERROR on both implementations, the buffer is left as received, and the
     * counter does not move: the genuine packet still opens after. Too short a packet is a
     * protocol error.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void aChangedByteIsRefusedAlike(CipherImplementation implementation) throws SshProtocolException {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a);
        byte[] iv = hex("0102030405060708090a0b0c");
        byte[] packet = new byte[4 + 1 + 1024 + 11];
        Bytes.putUint32(packet, 0, packet.length - 4);
        byte[] wire = AesGcm.create(implementation, key, iv, true).seal(9, packet);
        AesGcm receiver = AesGcm.create(implementation, key, iv, false);
        for (int position : new int[] {0, 3, 4, 500, packet.length - 1, packet.length, wire.length - 1}) {
            byte[] buffer = new byte[wire.length + 10];
            System.arraycopy(wire, 0, buffer, 10, wire.length);
            buffer[10 + position] ^= 0x20;
            byte[] received = buffer.clone();
            SshProtocolException refused = assertThrows(SshProtocolException.class,
                    () -> receiver.openInPlace(9, buffer, 10, wire.length));
            assertEquals(DisconnectReason.MAC_ERROR, refused.reasonCode(), "byte " + position);
            assertEquals("packet authentication failed", refused.getMessage(), "byte " + position);
            assertArrayEquals(received, buffer, "byte " + position);
        }
        assertArrayEquals(Arrays.copyOfRange(packet, 4, packet.length), receiver.open(9, wire));
        SshProtocolException tooShort = assertThrows(SshProtocolException.class,
                () -> AesGcm.create(implementation, key, iv, false).openInPlace(9, wire.clone(), 0, 19));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, tooShort.reasonCode());
    }

    @Test
    void nativeIsChosenWhereLibcryptoIs() {
        // Debian has libcrypto.so.3: the native path must load there, not fall back quietly.
        assertEquals(Optional.empty(), NativeGcm.unavailable());
        assertEquals(CipherImplementation.NATIVE, AesGcm.chosen());
        for (CipherAlgorithm algorithm : new CipherAlgorithm[] {CipherAlgorithm.AES128_GCM, CipherAlgorithm.AES256_GCM}) {
            PacketCipher cipher = algorithm.create(new byte[algorithm.keyLength()], new byte[12], null, null, true);
            assertEquals(CipherImplementation.NATIVE, ((AesGcm) cipher).implementation(), algorithm.sshName());
        }
    }

    @Test
    void thePropertyForcesTheJdk() {
        String before = System.getProperty(AesGcm.PROPERTY);
        try {
            System.setProperty(AesGcm.PROPERTY, "jdk");
            assertEquals(CipherImplementation.JDK, AesGcm.CHOICE.choose());
            System.setProperty(AesGcm.PROPERTY, "JDK");
            assertEquals(CipherImplementation.JDK, AesGcm.CHOICE.choose());
            System.clearProperty(AesGcm.PROPERTY);
            assertEquals(CipherImplementation.NATIVE, AesGcm.CHOICE.choose());
            System.setProperty(AesGcm.PROPERTY, "native");
            assertEquals(CipherImplementation.NATIVE, AesGcm.CHOICE.choose());
        } finally {
            if (before == null) {
                System.clearProperty(AesGcm.PROPERTY);
            } else {
                System.setProperty(AesGcm.PROPERTY, before);
            }
        }
        assertFalse(AesGcm.PROPERTY.equals(ChaCha20Poly1305.PROPERTY));
    }
}
