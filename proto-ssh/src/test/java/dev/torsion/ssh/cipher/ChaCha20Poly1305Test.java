package dev.torsion.ssh.cipher;

import static dev.torsion.ssh.cipher.KnownAnswerTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * chacha20-poly1305@openssh.com on both implementations, each forced in turn: RFC 8439's ChaCha20
 * and Poly1305 vectors placed where OpenSSH's construction uses them (a 96-bit nonce whose first
 * word is zero is OpenSSH's 64-bit nonce, the sequence number), BouncyCastle's original ChaCha20
 * (64-bit nonce) with a sequence number above 2^32, Poly1305 recomputed by a BigInteger reference
 * checked against RFC 8439, and random packets sealed by one implementation and opened by the other.
 */
class ChaCha20Poly1305Test {
    /** RFC 8439 appendix A.1 test vector 1: zero key, zero nonce, block 0. */
    private static final byte[] ZERO_KEY_BLOCK_0 = hex("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
            + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
    /** RFC 8439 appendix A.1 test vector 2: zero key, zero nonce, block 1. */
    private static final byte[] ZERO_KEY_BLOCK_1 = hex("9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
            + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f");

    @Test
    void nativeIsSelectedWhereLibcryptoIs() {
        // Debian has libcrypto.so.3: the native path must load there, not fall back quietly.
        assertEquals(Optional.empty(), NativeChaCha20Poly1305.unavailable());
        assertEquals(CipherImplementation.NATIVE, ChaCha20Poly1305.chosen());
        assertInstanceOf(NativeChaCha20Poly1305.class,
                CipherAlgorithm.CHACHA20_POLY1305.create(new byte[64], new byte[0], null, null, true));
    }

    @Test
    void referencePoly1305OfRfc8439Section252() {
        byte[] key = hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        assertArrayEquals(hex("a8061dc1305136c6c22b8baf0c0127a9"),
                poly1305(key, "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * With a zero key and sequence number 0 the length is masked by block 0 of K_1, the payload by
     * block 1 of K_2, and the Poly1305 key is the first half of K_2's block 0.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void zeroKeyGivesRfc8439AppendixA1KeyStreams(CipherImplementation implementation) throws SshProtocolException {
        byte[] packet = new byte[4 + 64];
        packet[3] = 0x40;
        byte[] wire = ChaCha20Poly1305.create(implementation, new byte[64]).seal(0, packet);
        assertArrayEquals(hex("76b8e0ed"), Arrays.copyOf(wire, 4));
        assertArrayEquals(ZERO_KEY_BLOCK_1, Arrays.copyOfRange(wire, 4, 68));
        assertArrayEquals(poly1305(Arrays.copyOf(ZERO_KEY_BLOCK_0, 32), Arrays.copyOf(wire, 68)),
                Arrays.copyOfRange(wire, 68, 84));
        PacketCipher receiver = ChaCha20Poly1305.create(implementation, new byte[64]);
        assertEquals(0x40, receiver.packetLength(0, wire));
        assertArrayEquals(new byte[64], receiver.open(0, wire));
    }

    /**
     * RFC 8439 section 2.4.2 encrypts with counter 1 and the nonce 0^32 || 0x0000004a00000000: the
     * payload of packet 0x4a00000000 under K_2 = 00..1f.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void payloadIsRfc8439Section242Ciphertext(CipherImplementation implementation) throws SshProtocolException {
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[64];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) i;
        }
        byte[] packet = new byte[4 + text.length];
        packet[3] = (byte) text.length;
        System.arraycopy(text, 0, packet, 4, text.length);
        long sequence = 0x4a_0000_0000L;
        byte[] wire = ChaCha20Poly1305.create(implementation, key).seal(sequence, packet);
        assertArrayEquals(hex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d"), Arrays.copyOfRange(wire, 4, 4 + text.length));
        PacketCipher receiver = ChaCha20Poly1305.create(implementation, key);
        assertEquals(text.length, receiver.packetLength(sequence, wire));
        assertArrayEquals(text, receiver.open(sequence, wire));
    }

    /**
     * RFC 8439 section 2.6.2 derives the Poly1305 key 8ad5a08b... from key 80..9f and the nonce
     * 0^32 || 0x0001020304050607: the tag of packet 0x0001020304050607 under K_2 = 80..9f is
     * Poly1305 with that key over the encrypted length and payload.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void tagIsKeyedByRfc8439Section262(CipherImplementation implementation) {
        byte[] key = new byte[64];
        for (int i = 0; i < 64; i++) {
            key[i] = (byte) (0x80 + i);
        }
        byte[] packet = new byte[4 + 1 + 300 + 7];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) (i * 11);
        }
        byte[] wire = ChaCha20Poly1305.create(implementation, key).seal(0x0001020304050607L, packet);
        byte[] polyKey = hex("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
        assertArrayEquals(poly1305(polyKey, Arrays.copyOf(wire, packet.length)),
                Arrays.copyOfRange(wire, packet.length, wire.length));
    }

    /**
     * OpenSSH's construction computed with BouncyCastle's original ChaCha20 (64-bit nonce = the
     * sequence number): a sequence number above 2^32 puts bytes in both halves of the nonce, and
     * the same instance seals packet after packet as one direction of a connection does.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void matchesOriginalChaCha20(CipherImplementation implementation) throws SshProtocolException {
        byte[] key = new byte[64];
        for (int i = 0; i < 64; i++) {
            key[i] = (byte) (i * 3);
        }
        PacketCipher ours = ChaCha20Poly1305.create(implementation, key);
        PacketCipher peer = ChaCha20Poly1305.create(implementation, key);
        byte[] packet = KnownAnswerTest.PACKET;
        for (long sequence = 0xffff_fffeL; sequence < 0x1_0000_0003L; sequence++) {
            byte[] wire = ours.seal(sequence, packet);
            assertArrayEquals(originalConstruction(key, sequence, packet), wire, "packet " + sequence);
            assertEquals(0x1c, peer.packetLength(sequence, wire));
            assertArrayEquals(Arrays.copyOfRange(packet, 4, packet.length), peer.open(sequence, wire));
        }
    }

    /**
     * A byte changed in the length, the payload or the tag is SSH_DISCONNECT_MAC_ERROR, and the
     * buffer is left as received: the tag is checked before anything is decrypted.
     */
    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void aChangedByteIsRefusedBeforeDecrypting(CipherImplementation implementation) {
        byte[] key = new byte[64];
        Arrays.fill(key, (byte) 0x5a);
        byte[] packet = new byte[4 + 1 + 1024 + 11];
        packet[2] = 0x04;
        packet[3] = 0x0c;
        byte[] wire = ChaCha20Poly1305.create(implementation, key).seal(9, packet);
        for (int position : new int[] {0, 3, 4, 500, packet.length - 1, packet.length, wire.length - 1}) {
            byte[] buffer = new byte[wire.length + 10];
            System.arraycopy(wire, 0, buffer, 10, wire.length);
            buffer[10 + position] ^= 0x20;
            byte[] received = buffer.clone();
            SshProtocolException refused = assertThrows(SshProtocolException.class,
                    () -> ChaCha20Poly1305.create(implementation, key).openInPlace(9, buffer, 10, wire.length));
            assertEquals(DisconnectReason.MAC_ERROR, refused.reasonCode(), "byte " + position);
            assertArrayEquals(received, buffer, "byte " + position);
        }
        SshProtocolException tooShort = assertThrows(SshProtocolException.class,
                () -> ChaCha20Poly1305.create(implementation, key).openInPlace(9, wire.clone(), 0, 19));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, tooShort.reasonCode());
    }

    /**
     * Random packets (up to 256 KiB, beyond the native buffer's first size) sealed by one
     * implementation give the other's wire bytes and open with the other, both ways, at an offset
     * in a larger buffer as the decoder holds them.
     */
    @Test
    void eachOpensWhatTheOtherSeals() throws SshProtocolException {
        Random random = new Random(20261206);
        byte[] key = new byte[64];
        random.nextBytes(key);
        PacketCipher nativeSender = ChaCha20Poly1305.create(CipherImplementation.NATIVE, key);
        PacketCipher jdkSender = ChaCha20Poly1305.create(CipherImplementation.JDK, key);
        PacketCipher nativeReceiver = ChaCha20Poly1305.create(CipherImplementation.NATIVE, key);
        PacketCipher jdkReceiver = ChaCha20Poly1305.create(CipherImplementation.JDK, key);
        CrossSealing.assertEachOpensWhatTheOtherSeals(random, 0xffff_ff00L, nativeSender, jdkSender, nativeReceiver,
                jdkReceiver);
    }

    private static byte[] originalConstruction(byte[] key, long sequence, byte[] packet) {
        byte[] nonce = new byte[8];
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (sequence >>> (56 - 8 * i));
        }
        ChaChaEngine header = new ChaChaEngine(20);
        header.init(true, new ParametersWithIV(new KeyParameter(Arrays.copyOfRange(key, 32, 64)), nonce));
        byte[] expected = new byte[packet.length + 16];
        header.processBytes(packet, 0, 4, expected, 0);
        ChaChaEngine body = new ChaChaEngine(20);
        body.init(true, new ParametersWithIV(new KeyParameter(Arrays.copyOf(key, 32)), nonce));
        byte[] firstBlock = new byte[64];
        body.processBytes(new byte[64], 0, 64, firstBlock, 0);
        body.processBytes(packet, 4, packet.length - 4, expected, 4);
        byte[] tag = poly1305(Arrays.copyOf(firstBlock, 32), Arrays.copyOf(expected, packet.length));
        System.arraycopy(tag, 0, expected, packet.length, 16);
        return expected;
    }

    /** Poly1305 as RFC 8439 section 2.5.1 states it, in BigInteger arithmetic: a reference, not fast. */
    static byte[] poly1305(byte[] key, byte[] message) {
        BigInteger p = BigInteger.ONE.shiftLeft(130).subtract(BigInteger.valueOf(5));
        BigInteger r = littleEndian(Arrays.copyOf(key, 16)).and(new BigInteger("0ffffffc0ffffffc0ffffffc0fffffff", 16));
        BigInteger s = littleEndian(Arrays.copyOfRange(key, 16, 32));
        BigInteger accumulator = BigInteger.ZERO;
        for (int i = 0; i < message.length; i += 16) {
            byte[] block = Arrays.copyOfRange(message, i, Math.min(i + 16, message.length));
            BigInteger n = littleEndian(block).setBit(8 * block.length);
            accumulator = accumulator.add(n).multiply(r).mod(p);
        }
        byte[] sum = accumulator.add(s).toByteArray();
        byte[] tag = new byte[16];
        for (int i = 0; i < 16 && i < sum.length; i++) {
            tag[i] = sum[sum.length - 1 - i];
        }
        return tag;
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length + 1];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[bytes.length - i] = bytes[i];
        }
        return new BigInteger(bigEndian);
    }
}
