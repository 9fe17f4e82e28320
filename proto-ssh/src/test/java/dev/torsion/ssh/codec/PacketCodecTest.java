package dev.torsion.ssh.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.ssh.cipher.CipherAlgorithm;
import dev.torsion.ssh.cipher.MacAlgorithm;
import dev.torsion.ssh.cipher.PacketCipher;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The binary packet protocol (RFC 4253 section 6): whole, byte by byte, over every split, and its checks. */
class PacketCodecTest {
    static final byte[] KEY = new byte[64];
    static final byte[] IV = new byte[16];
    static final byte[] MAC_KEY = new byte[64];

    static {
        for (int i = 0; i < 64; i++) {
            KEY[i] = (byte) i;
            MAC_KEY[i] = (byte) (100 + i);
        }
        Arrays.fill(IV, (byte) 9);
    }

    static PacketCipher cipher(CipherAlgorithm algorithm, MacAlgorithm mac, boolean encrypting) {
        return algorithm.create(Arrays.copyOf(KEY, algorithm.keyLength()), Arrays.copyOf(IV, Math.max(algorithm.ivLength(), 1)),
                mac, mac == null ? null : Arrays.copyOf(MAC_KEY, mac.keyLength()), encrypting);
    }

    static List<byte[]> payloads() {
        List<byte[]> payloads = new ArrayList<>();
        for (int length : new int[] {1, 2, 15, 16, 17, 100, 4000}) {
            byte[] payload = new byte[length];
            new Random(length).nextBytes(payload);
            payloads.add(payload);
        }
        return payloads;
    }

    static byte[] encodeAll(PacketEncoder encoder, List<byte[]> payloads) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        payloads.forEach(p -> wire.writeBytes(encoder.encode(p)));
        return wire.toByteArray();
    }

    static List<byte[]> decode(PacketDecoder decoder, byte[] wire, int chunk) throws SshProtocolException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < wire.length; i += chunk) {
            decoder.feed(Arrays.copyOfRange(wire, i, Math.min(wire.length, i + chunk)));
            for (byte[] p = decoder.next(); p != null; p = decoder.next()) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void clearPacketBytesAreExact() {
        PacketEncoder encoder = new PacketEncoder(new Random(0) {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0xaa);
            }
        });
        // payload 1 byte: 4+1+1 = 6, padding to 16 is 10 bytes (at least 4, total a multiple of 8 and >= 16).
        assertArrayEquals(HexFormat.of().parseHex("0000000c0a15aaaaaaaaaaaaaaaaaaaa"), encoder.encode(new byte[] {21}));
    }

    @ParameterizedTest
    @EnumSource(CipherAlgorithm.class)
    void everyCipherWholeAndByteByByte(CipherAlgorithm algorithm) throws Exception {
        for (MacAlgorithm mac : algorithm.isAead() ? new MacAlgorithm[] {null} : MacAlgorithm.values()) {
            List<byte[]> payloads = payloads();
            PacketEncoder encoder = new PacketEncoder(new Random(1));
            encoder.setCipher(cipher(algorithm, mac, true));
            byte[] wire = encodeAll(encoder, payloads);
            for (int chunk : new int[] {wire.length, 1, 7, 16, 33}) {
                PacketDecoder decoder = new PacketDecoder(256 * 1024);
                decoder.setCipher(cipher(algorithm, mac, false));
                List<byte[]> decoded = decode(decoder, wire, chunk);
                assertEquals(payloads.size(), decoded.size(), algorithm + " " + mac + " chunk " + chunk);
                for (int i = 0; i < payloads.size(); i++) {
                    assertArrayEquals(payloads.get(i), decoded.get(i));
                }
                assertEquals(payloads.size(), decoder.sequence());
            }
        }
    }

    /**
     * The channel data path: packets built in the array {@link PacketEncoder#frame} lends are the
     * bytes {@code encode} makes, the array is the same one for every packet (no allocation per
     * packet), and an array lent under one cipher does not fit after the cipher changed.
     */
    @ParameterizedTest
    @EnumSource(CipherAlgorithm.class)
    void framedPacketsReuseOneArrayAndMatchEncoded(CipherAlgorithm algorithm) {
        MacAlgorithm mac = algorithm.isAead() ? null : MacAlgorithm.HMAC_SHA2_256_ETM;
        PacketEncoder encoding = new PacketEncoder(new Random(4));
        PacketEncoder framing = new PacketEncoder(new Random(4));
        encoding.setCipher(cipher(algorithm, mac, true));
        framing.setCipher(cipher(algorithm, mac, true));
        byte[] first = null;
        for (byte[] payload : List.of(new byte[4000], new byte[100], new byte[] {94, 1, 2}, new byte[4000])) {
            new Random(payload.length).nextBytes(payload);
            byte[] wire = framing.frame(payload.length);
            first = first == null ? wire : first;
            assertSame(first, wire);
            assertTrue(framing.fits(wire, payload.length));
            System.arraycopy(payload, 0, wire, PacketEncoder.PAYLOAD_OFFSET, payload.length);
            int length = framing.seal(wire, payload.length);
            assertEquals(framing.wireLength(payload.length), length);
            assertArrayEquals(encoding.encode(payload), Arrays.copyOf(wire, length));
        }
        assertEquals(encoding.bytes(), framing.bytes());
        byte[] lent = framing.frame(10);
        framing.setCipher(cipher(algorithm, mac, true));
        assertFalse(framing.fits(lent, 10), "lent under the previous cipher");
        assertFalse(framing.fits(new byte[lent.length], 10), "not the encoder's array");
    }

    @Test
    void everySplitOfTwoClearPackets() throws Exception {
        byte[] wire = encodeAll(new PacketEncoder(new Random(2)), List.of(new byte[] {5, 1, 2}, new byte[] {6}));
        for (int split = 0; split <= wire.length; split++) {
            PacketDecoder decoder = new PacketDecoder(35000);
            List<byte[]> out = new ArrayList<>();
            decoder.feed(Arrays.copyOfRange(wire, 0, split));
            for (byte[] p = decoder.next(); p != null; p = decoder.next()) {
                out.add(p);
            }
            decoder.feed(Arrays.copyOfRange(wire, split, wire.length));
            for (byte[] p = decoder.next(); p != null; p = decoder.next()) {
                out.add(p);
            }
            assertEquals(2, out.size(), "split at " + split);
        }
    }

    @ParameterizedTest
    @EnumSource(CipherAlgorithm.class)
    void aFlippedBitIsAMacError(CipherAlgorithm algorithm) throws Exception {
        MacAlgorithm mac = algorithm.isAead() ? null : MacAlgorithm.HMAC_SHA2_256_ETM;
        PacketEncoder encoder = new PacketEncoder(new Random(3));
        encoder.setCipher(cipher(algorithm, mac, true));
        byte[] wire = encoder.encode(new byte[40]);
        wire[wire.length - 20] ^= 1;
        PacketDecoder decoder = new PacketDecoder(35000);
        decoder.setCipher(cipher(algorithm, mac, false));
        decoder.feed(wire);
        SshProtocolException error = assertThrows(SshProtocolException.class, decoder::next);
        assertEquals(DisconnectReason.MAC_ERROR, error.reasonCode());
        assertEquals(PacketState.FAILED, decoder.state());
        decoder.feed(wire);
        assertThrows(SshProtocolException.class, decoder::next);
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void lengthAndPaddingChecks() throws Exception {
        String[][] cases = {
            {"ffffffff", "over the limit"},
            {"00000003 01 05 00", "too short"},
            {"0000000d 04 05 0000000000000000000000", "block size"},
            {"0000000c 03 05 000000000000000000000000", "under 4"},
            {"0000000c 0b 05 000000000000000000000000", "no payload"},
        };
        for (String[] c : cases) {
            PacketDecoder decoder = new PacketDecoder(35000);
            decoder.feed(hex(c[0]));
            SshProtocolException error = assertThrows(SshProtocolException.class, decoder::next, c[1]);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, error.reasonCode());
            assertEquals(true, error.getMessage().contains(c[1]), error.getMessage());
        }
        PacketDecoder partial = new PacketDecoder(35000);
        partial.feed(hex("000000"));
        assertNull(partial.next());
        assertEquals(PacketState.READ_LENGTH, partial.state());
    }
}
