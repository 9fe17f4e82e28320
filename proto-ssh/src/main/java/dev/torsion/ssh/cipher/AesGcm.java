package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code aes128-gcm@openssh.com} and {@code aes256-gcm@openssh.com} (RFC 5647 as OpenSSH names
 * them): the length is sent in the clear as additional authenticated data, the 12-byte nonce is the
 * derived IV whose last 8 bytes count packets (RFC 5647 section 7.1), the tag is 16 bytes.
 */
public final class AesGcm implements PacketCipher {
    /** The IV length taken from the key exchange. */
    public static final int IV_LENGTH = 12;
    private static final int TAG_LENGTH = 16;

    private final SecretKeySpec key;
    private final byte[] nonce;
    private final Cipher cipher;
    private final boolean encrypting;

    /** A cipher for one direction: {@code encrypting} for sending, else for receiving. */
    public AesGcm(byte[] key, byte[] iv, boolean encrypting) {
        this.key = new SecretKeySpec(key, "AES");
        this.nonce = Arrays.copyOf(iv, IV_LENGTH);
        this.encrypting = encrypting;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM", e);
        }
    }

    @Override
    public int blockSize() {
        return 16;
    }

    @Override
    public int lengthFieldBytes() {
        return 4;
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

    /** RFC 5647 section 7.1: the invocation counter is the nonce's last 8 bytes, incremented per packet. */
    private void advanceNonce() {
        for (int i = IV_LENGTH - 1; i >= 4; i--) {
            if (++nonce[i] != 0) {
                break;
            }
        }
    }

    @Override
    public byte[] open(long sequence, byte[] wire) throws SshProtocolException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(wire, 0, 4);
            byte[] plain = cipher.doFinal(wire, 4, wire.length - 4);
            advanceNonce();
            return plain;
        } catch (AEADBadTagException e) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet does not decrypt", e);
        }
    }

    /** Decrypts in place (the JDK's GCM keeps the ciphertext until the tag is checked). */
    @Override
    public int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(buffer, offset, 4);
            cipher.doFinal(buffer, offset + 4, wireLength - 4, buffer, offset + 4);
            advanceNonce();
            return offset + 4;
        } catch (AEADBadTagException e) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
        } catch (GeneralSecurityException e) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet does not decrypt", e);
        }
    }

    @Override
    public byte[] seal(long sequence, byte[] packet) {
        if (!encrypting) {
            throw new IllegalStateException("a receiving cipher cannot seal");
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(packet, 0, 4);
            byte[] wire = new byte[packet.length + TAG_LENGTH];
            System.arraycopy(packet, 0, wire, 0, 4);
            cipher.doFinal(packet, 4, packet.length - 4, wire, 4);
            advanceNonce();
            return wire;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** Encrypts in place (the JDK's GCM takes the same array and offset for input and output). */
    @Override
    public void sealInPlace(long sequence, byte[] buffer, int packetBytes) {
        if (!encrypting) {
            throw new IllegalStateException("a receiving cipher cannot seal");
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(buffer, 0, 4);
            cipher.doFinal(buffer, 4, packetBytes - 4, buffer, 4);
            advanceNonce();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
