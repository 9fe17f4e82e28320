package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code chacha20-poly1305@openssh.com} (OpenSSH's PROTOCOL.chacha20poly1305): a 64-byte key whose
 * first half (K_2) encrypts the packet from block 1 of its key stream on, block 0 giving the
 * Poly1305 key, and whose second half (K_1) encrypts the 4-byte length with block 0 of its own; the
 * nonce of both is the sequence number; the tag covers the encrypted length and the ciphertext.
 *
 * <p>OpenSSH uses the original ChaCha20 (64-bit nonce, 64-bit block counter). Two implementations
 * compute it: {@link NativeChaCha20Poly1305} through OpenSSL's libcrypto, and
 * {@link JdkChaCha20Poly1305} with the JDK's ChaCha20 and BouncyCastle's Poly1305, the fallback.
 * {@link #create(byte[])} uses the one {@link #chosen()} chose once for the process (forced to the
 * Java code by {@value #PROPERTY}{@code =jdk}).
 *
 * <p>Both seal and open in place; the copying forms of {@link PacketCipher} are built on those.
 */
public abstract sealed class ChaCha20Poly1305 implements PacketCipher
        permits JdkChaCha20Poly1305, NativeChaCha20Poly1305 {
    /** The key length: two ChaCha20 keys. */
    public static final int KEY_LENGTH = 64;
    /** The Poly1305 tag after each packet. */
    static final int TAG_LENGTH = 16;
    /** One ChaCha20 block: block 0 of the main key stream gives the Poly1305 key. */
    static final int BLOCK = 64;
    /** The system property that forces the Java code with the value {@code jdk}. */
    public static final String PROPERTY = "torsion.ssh.chacha20";
    /** How this cipher's code is chosen: the self-check seals with a fixed key. */
    static final ImplementationChoice CHOICE = new ImplementationChoice("chacha20-poly1305@openssh.com", PROPERTY,
            "the JDK's ChaCha20 and BouncyCastle's Poly1305", NativeChaCha20Poly1305::unavailable,
            List.of((implementation, encrypting) -> create(implementation, sampleKey())));

    ChaCha20Poly1305(byte[] key) {
        if (key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a 64-byte key");
        }
    }

    /** A cipher for one direction, with the 64-byte key from the key exchange. */
    public static PacketCipher create(byte[] key) {
        return create(chosen(), key);
    }

    /** A cipher for one direction computed by {@code implementation}, whatever was chosen. */
    public static PacketCipher create(CipherImplementation implementation, byte[] key) {
        return implementation == CipherImplementation.NATIVE ? new NativeChaCha20Poly1305(key)
                : new JdkChaCha20Poly1305(key);
    }

    /** The implementation this process uses, chosen when first asked for. */
    public static CipherImplementation chosen() {
        return Chosen.IMPLEMENTATION;
    }

    private static byte[] sampleKey() {
        byte[] key = new byte[KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }

    @Override
    public final int blockSize() {
        return 8;
    }

    @Override
    public final int lengthFieldBytes() {
        return 4;
    }

    @Override
    public final boolean lengthIsAligned() {
        return false;
    }

    @Override
    public final int macLength() {
        return TAG_LENGTH;
    }

    @Override
    public final byte[] open(long sequence, byte[] wire) throws SshProtocolException {
        byte[] buffer = wire.clone();
        int plain = openInPlace(sequence, buffer, 0, wire.length);
        return Arrays.copyOfRange(buffer, plain, wire.length - TAG_LENGTH);
    }

    @Override
    public final byte[] seal(long sequence, byte[] packet) {
        byte[] wire = Arrays.copyOf(packet, packet.length + TAG_LENGTH);
        sealInPlace(sequence, wire, packet.length);
        return wire;
    }

    /**
     * Checks the tag over the received bytes (length field, ciphertext) before anything is
     * decrypted, then decrypts the ciphertext where it lies.
     */
    @Override
    public abstract int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException;

    /** Encrypts in place (ChaCha20 is a key stream: each byte is read before it is written). */
    @Override
    public abstract void sealInPlace(long sequence, byte[] buffer, int packetBytes);

    /** A packet too short to hold a length field and a tag: the decoder's limits keep these out. */
    static void checkWireLength(int wireLength) throws SshProtocolException {
        if (wireLength < 4 + TAG_LENGTH) {
            throw SshProtocolException.malformed("chacha20-poly1305 packet of " + wireLength + " bytes");
        }
    }

    static SshProtocolException badTag() {
        return new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
    }

    /** Holds the choice, made when first asked for. */
    private static final class Chosen {
        static final CipherImplementation IMPLEMENTATION = CHOICE.choose();
    }
}
