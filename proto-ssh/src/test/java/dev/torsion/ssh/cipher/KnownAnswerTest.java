package dev.torsion.ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import dev.torsion.ssh.codec.WireReader;
import dev.torsion.ssh.transport.HostKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Known answers: RFC 8032's Ed25519 vector and RFC 7748's X25519 vector, and each packet cipher
 * checked against a second implementation computing the same construction (BouncyCastle's GCM, CTR
 * and HMAC for the JDK-based ones; chacha20-poly1305 has its own, {@link ChaCha20Poly1305Test}).
 */
class KnownAnswerTest {
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    static final byte[] PACKET = hex("0000001c 0a 5e 68656c6c6f2c20776f726c642021 00000000000000000000");

    @Test
    void ed25519OfRfc8032Test1() {
        HostKey key = HostKey.fromSeed(hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertArrayEquals(hex("0000000b 7373682d65643235353139 00000020"
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), key.publicBlob());
        byte[] signature = key.sign(new byte[0]);
        assertArrayEquals(hex("0000000b 7373682d65643235353139 00000040"
                + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                signature);
    }

    @Test
    void x25519OfRfc7748Section61() {
        byte[] alice = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        byte[] shared = new byte[32];
        X25519.calculateAgreement(alice, 0, bobPublic, 0, shared, 0);
        assertArrayEquals(hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"), shared);
    }

    @ParameterizedTest
    @EnumSource(CipherImplementation.class)
    void aesGcmAgainstBouncyCastle(CipherImplementation implementation) throws Exception {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = hex("101112131415161718191a1b");
        AesGcm ours = AesGcm.create(implementation, key, iv, true);
        ours.seal(0, PACKET);
        byte[] second = ours.seal(1, PACKET);
        // RFC 5647 section 7.1: the second packet uses the invocation counter plus one.
        byte[] nextIv = hex("101112131415161718191a1c");
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, nextIv, Arrays.copyOf(PACKET, 4)));
        byte[] out = new byte[gcm.getOutputSize(PACKET.length - 4)];
        int n = gcm.processBytes(PACKET, 4, PACKET.length - 4, out, 0);
        gcm.doFinal(out, n);
        byte[] expected = new byte[4 + out.length];
        System.arraycopy(PACKET, 0, expected, 0, 4);
        System.arraycopy(out, 0, expected, 4, out.length);
        assertArrayEquals(expected, second);
    }

    @Test
    void aesCtrEtmAgainstBouncyCastle() throws Exception {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] macKey = new byte[32];
        Arrays.fill(macKey, (byte) 0x42);
        byte[] wire = new AesCtrHmac(key, iv, true, "HmacSHA256", macKey, true).seal(3, PACKET);
        SICBlockCipher ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] encrypted = new byte[PACKET.length - 4];
        ctr.processBytes(PACKET, 4, PACKET.length - 4, encrypted, 0);
        HMac hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(macKey));
        hmac.update(new byte[] {0, 0, 0, 3}, 0, 4);
        hmac.update(PACKET, 0, 4);
        hmac.update(encrypted, 0, encrypted.length);
        byte[] tag = new byte[32];
        hmac.doFinal(tag, 0);
        assertArrayEquals(Arrays.copyOf(PACKET, 4), Arrays.copyOf(wire, 4));
        assertArrayEquals(encrypted, Arrays.copyOfRange(wire, 4, PACKET.length));
        assertArrayEquals(tag, Arrays.copyOfRange(wire, PACKET.length, wire.length));
    }

    @Test
    void hostKeyFileRoundTrip() throws Exception {
        HostKey key = HostKey.fromSeed(new byte[32]);
        String text = key.encode();
        Path file = Files.createTempFile("key", "");
        Files.writeString(file, text);
        assertArrayEquals(key.publicBlob(), HostKey.read(file).publicBlob());
        Files.delete(file);
        WireReader blob = new WireReader(key.publicBlob());
        assertEquals("ssh-ed25519", blob.readAscii());
    }

    /**
     * The sender's path seals in place: the wire bytes of three packets in a row are those of
     * {@link PacketCipher#seal} for every mode (in-place AEAD, the default copy for CTR and HMAC).
     */
    @Test
    void sealInPlaceGivesTheWireBytesOfSeal() {
        byte[] key = new byte[64];
        byte[] iv = new byte[16];
        byte[] macKey = new byte[32];
        Arrays.fill(key, (byte) 7);
        Arrays.fill(iv, (byte) 3);
        Arrays.fill(macKey, (byte) 5);
        for (CipherImplementation implementation : CipherImplementation.values()) {
            assertSameSealing(AesGcm.create(implementation, Arrays.copyOf(key, 16), iv, true),
                    AesGcm.create(implementation, Arrays.copyOf(key, 16), iv, true));
        }
        assertSameSealing(new JdkChaCha20Poly1305(key), new JdkChaCha20Poly1305(key));
        assertSameSealing(new NativeChaCha20Poly1305(key), new NativeChaCha20Poly1305(key));
        assertSameSealing(new AesCtrHmac(Arrays.copyOf(key, 16), iv, true, "HmacSHA256", macKey, true),
                new AesCtrHmac(Arrays.copyOf(key, 16), iv, true, "HmacSHA256", macKey, true));
    }

    /**
     * The receiver's path opens in place: the plaintext of sealed packets (at an offset in a larger
     * buffer, as in the decoder) is the original, and a changed tag byte is SSH_DISCONNECT_MAC_ERROR.
     */
    @Test
    void openInPlaceGivesThePlaintextAndChecksTheTag() throws SshProtocolException {
        byte[] key = new byte[64];
        byte[] iv = new byte[16];
        byte[] macKey = new byte[32];
        Arrays.fill(key, (byte) 9);
        Arrays.fill(iv, (byte) 4);
        Arrays.fill(macKey, (byte) 6);
        for (CipherImplementation implementation : CipherImplementation.values()) {
            assertOpensInPlace(AesGcm.create(implementation, Arrays.copyOf(key, 16), iv, true),
                    AesGcm.create(implementation, Arrays.copyOf(key, 16), iv, false),
                    AesGcm.create(implementation, Arrays.copyOf(key, 16), iv, false));
        }
        assertOpensInPlace(new JdkChaCha20Poly1305(key), new JdkChaCha20Poly1305(key), new JdkChaCha20Poly1305(key));
        assertOpensInPlace(new NativeChaCha20Poly1305(key), new NativeChaCha20Poly1305(key),
                new NativeChaCha20Poly1305(key));
        assertOpensInPlace(new AesCtrHmac(Arrays.copyOf(key, 16), iv, true, "HmacSHA256", macKey, true),
                new AesCtrHmac(Arrays.copyOf(key, 16), iv, false, "HmacSHA256", macKey, true),
                new AesCtrHmac(Arrays.copyOf(key, 16), iv, false, "HmacSHA256", macKey, true));
    }

    private static void assertOpensInPlace(PacketCipher sender, PacketCipher receiver, PacketCipher tampered)
            throws SshProtocolException {
        int packetBytes = 4 + 1 + 1024 + 11;
        byte[] packet = new byte[packetBytes];
        for (int i = 0; i < packetBytes; i++) {
            packet[i] = (byte) (i * 17);
        }
        byte[] wire = sender.seal(0, packet.clone());
        byte[] buffer = new byte[wire.length + 40];
        System.arraycopy(wire, 0, buffer, 25, wire.length);
        int plain = receiver.openInPlace(0, buffer, 25, wire.length);
        assertArrayEquals(Arrays.copyOfRange(packet, 4, packetBytes), Arrays.copyOfRange(buffer, plain, plain + packetBytes - 4));
        buffer = new byte[wire.length + 40];
        System.arraycopy(wire, 0, buffer, 25, wire.length);
        buffer[25 + wire.length - 1] ^= 1;
        byte[] bad = buffer;
        SshProtocolException e = assertThrows(SshProtocolException.class, () -> tampered.openInPlace(0, bad, 25, wire.length));
        assertEquals(DisconnectReason.MAC_ERROR, e.reasonCode());
    }

    private static void assertSameSealing(PacketCipher copying, PacketCipher inPlace) {
        for (int sequence = 0; sequence < 3; sequence++) {
            int packetBytes = 4 + 1 + 32768 + 16 + sequence * 16;
            byte[] packet = new byte[packetBytes];
            for (int i = 0; i < packetBytes; i++) {
                packet[i] = (byte) (i * 31 + sequence);
            }
            byte[] expected = copying.seal(sequence, packet.clone());
            byte[] buffer = Arrays.copyOf(packet, packetBytes + inPlace.macLength());
            inPlace.sealInPlace(sequence, buffer, packetBytes);
            assertArrayEquals(expected, buffer, inPlace.getClass().getSimpleName() + " packet " + sequence);
        }
    }
}
