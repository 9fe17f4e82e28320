package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code aes128-gcm@openssh.com} and {@code aes256-gcm@openssh.com} (RFC 5647 as OpenSSH's
 * PROTOCOL names them): the 4-byte length is sent in the clear as additional authenticated data,
 * the 12-byte nonce is the derived IV whose last 8 bytes, the invocation counter, go up by one per
 * packet and wrap modulo 2^64 with the first 4 fixed (RFC 5647 section 7.1), the tag is 16 bytes.
 *
 * <p>The GCM itself is a {@link Gcm}: {@link NativeGcm} through OpenSSL's libcrypto, or
 * {@link JdkGcm}, the JDK's, the fallback. {@link #create(byte[], byte[], boolean)} uses the one
 * {@link #chosen()} once for the process (forced to the JDK's by {@value #PROPERTY}{@code =jdk}).
 * Both give a wrong tag the same reply, SSH_DISCONNECT_MAC_ERROR, and leave the packet as received.
 */
public final class AesGcm implements PacketCipher {
    /** The IV length taken from the key exchange. */
    public static final int IV_LENGTH = 12;
    /** The system property that forces the JDK's AES-GCM with the value {@code jdk}. */
    public static final String PROPERTY = "torsion.ssh.aesgcm";
    /** How the GCM code is chosen: the self-check seals with an AES-128 and an AES-256 key. */
    static final ImplementationChoice CHOICE = new ImplementationChoice("aes128-gcm/aes256-gcm@openssh.com",
            PROPERTY, "the JDK's AES/GCM", NativeGcm::unavailable, List.of(samples(16), samples(32)));
    private static final int TAG_LENGTH = Gcm.TAG_LENGTH;
    private static final int LENGTH_FIELD = 4;

    private final Gcm gcm;
    private final byte[] nonce;
    private final boolean encrypting;

    private AesGcm(Gcm gcm, byte[] iv, boolean encrypting) {
        if (iv.length < IV_LENGTH) {
            throw new IllegalArgumentException("AES-GCM needs a 12-byte IV");
        }
        this.gcm = gcm;
        this.nonce = Arrays.copyOf(iv, IV_LENGTH);
        this.encrypting = encrypting;
    }

    /** A cipher for one direction: {@code encrypting} for sending, else for receiving. */
    public static AesGcm create(byte[] key, byte[] iv, boolean encrypting) {
        return create(chosen(), key, iv, encrypting);
    }

    /** A cipher for one direction computed by {@code implementation}, whatever was chosen. */
    public static AesGcm create(CipherImplementation implementation, byte[] key, byte[] iv, boolean encrypting) {
        Gcm gcm = implementation == CipherImplementation.NATIVE ? new NativeGcm(key) : new JdkGcm(key);
        return new AesGcm(gcm, iv, encrypting);
    }

    /** The implementation this process uses, chosen when first asked for. */
    public static CipherImplementation chosen() {
        return Chosen.IMPLEMENTATION;
    }

    /** Which code computes this cipher. */
    public CipherImplementation implementation() {
        return gcm.implementation();
    }

    private static ImplementationChoice.Samples samples(int keyLength) {
        byte[] key = new byte[keyLength];
        byte[] iv = new byte[IV_LENGTH];
        for (int i = 0; i < keyLength; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        // The counter wraps between the self-check's two packets.
        Arrays.fill(iv, 4, IV_LENGTH, (byte) 0xff);
        return (implementation, encrypting) -> create(implementation, key, iv, encrypting);
    }

    @Override
    public int blockSize() {
        return 16;
    }

    @Override
    public int lengthFieldBytes() {
        return LENGTH_FIELD;
    }

    @Override
    public boolean lengthIsAligned() {
        return false;
    }

    @Override
    public int macLength() {
        return TAG_LENGTH;
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        return Bytes.uint32(first, 0);
    }

    /** RFC 5647 section 7.1: the invocation counter, the nonce's last 8 bytes, goes up by one per packet. */
    private void advanceNonce() {
        for (int i = IV_LENGTH - 1; i >= 4; i--) {
            if (++nonce[i] != 0) {
                break;
            }
        }
    }

    @Override
    public byte[] open(long sequence, byte[] wire) throws SshProtocolException {
        byte[] buffer = wire.clone();
        int plain = openInPlace(sequence, buffer, 0, wire.length);
        return Arrays.copyOfRange(buffer, plain, wire.length - TAG_LENGTH);
    }

    /** Checks the tag and decrypts where the packet lies; a refused packet is left as received. */
    @Override
    public int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException {
        if (wireLength < LENGTH_FIELD + TAG_LENGTH) {
            throw SshProtocolException.malformed("aes-gcm packet of " + wireLength + " bytes");
        }
        if (!gcm.open(nonce, buffer, offset, LENGTH_FIELD, wireLength - LENGTH_FIELD - TAG_LENGTH)) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
        }
        advanceNonce();
        return offset + LENGTH_FIELD;
    }

    @Override
    public byte[] seal(long sequence, byte[] packet) {
        byte[] wire = Arrays.copyOf(packet, packet.length + TAG_LENGTH);
        sealInPlace(sequence, wire, packet.length);
        return wire;
    }

    /** Encrypts in place, the tag written after the packet. */
    @Override
    public void sealInPlace(long sequence, byte[] buffer, int packetBytes) {
        if (!encrypting) {
            throw new IllegalStateException("a receiving cipher cannot seal");
        }
        gcm.seal(nonce, buffer, 0, LENGTH_FIELD, packetBytes - LENGTH_FIELD);
        advanceNonce();
    }

    /** Holds the choice, made when first asked for. */
    private static final class Chosen {
        static final CipherImplementation IMPLEMENTATION = CHOICE.choose();
    }
}
