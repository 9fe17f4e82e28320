package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code aes128-ctr}, {@code aes192-ctr}, {@code aes256-ctr} (RFC 4344 section 4) with an HMAC
 * (RFC 6668): either encrypt-then-MAC as OpenSSH's {@code -etm@openssh.com} MACs do (the length in
 * the clear, the MAC over sequence number, length and ciphertext), or RFC 4253 section 6.4's
 * encrypt-and-MAC (everything encrypted, the MAC over sequence number and plaintext).
 */
public final class AesCtrHmac implements PacketCipher {
    private static final int BLOCK = 16;

    private final Cipher cipher;
    private final Mac mac;
    private final boolean encryptThenMac;
    private byte[] firstBlock;

    /**
     * A cipher for one direction.
     *
     * @param jdkMac the JDK's name of the HMAC ({@code HmacSHA256}, {@code HmacSHA512})
     */
    public AesCtrHmac(byte[] key, byte[] iv, boolean encrypting, String jdkMac, byte[] macKey,
            boolean encryptThenMac) {
        this.encryptThenMac = encryptThenMac;
        try {
            this.cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(encrypting ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new IvParameterSpec(Arrays.copyOf(iv, BLOCK)));
            this.mac = Mac.getInstance(jdkMac);
            mac.init(new SecretKeySpec(macKey, jdkMac));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/CTR or " + jdkMac, e);
        }
    }

    @Override
    public int blockSize() {
        return BLOCK;
    }

    @Override
    public int lengthFieldBytes() {
        return encryptThenMac ? 4 : BLOCK;
    }

    @Override
    public boolean lengthIsAligned() {
        return !encryptThenMac;
    }

    @Override
    public int macLength() {
        return mac.getMacLength();
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        if (encryptThenMac) {
            return Bytes.uint32(first, 0);
        }
        firstBlock = cipher.update(first, 0, BLOCK);
        return Bytes.uint32(firstBlock, 0);
    }

    private byte[] computeMac(long sequence, byte[] data, int offset, int length) {
        byte[] seq = new byte[4];
        Bytes.putUint32(seq, 0, sequence);
        mac.update(seq);
        mac.update(data, offset, length);
        return mac.doFinal();
    }

    @Override
    public byte[] open(long sequence, byte[] wire) throws SshProtocolException {
        int macLength = macLength();
        int body = wire.length - macLength;
        byte[] received = Arrays.copyOfRange(wire, body, wire.length);
        if (encryptThenMac) {
            if (!MessageDigest.isEqual(computeMac(sequence, wire, 0, body), received)) {
                throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
            }
            return cipher.update(wire, 4, body - 4);
        }
        byte[] packet = new byte[body];
        System.arraycopy(firstBlock, 0, packet, 0, BLOCK);
        if (body > BLOCK) {
            byte[] restPlain = cipher.update(wire, BLOCK, body - BLOCK);
            System.arraycopy(restPlain, 0, packet, BLOCK, restPlain.length);
        }
        firstBlock = null;
        if (!MessageDigest.isEqual(computeMac(sequence, packet, 0, body), received)) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
        }
        return Arrays.copyOfRange(packet, 4, body);
    }

    @Override
    public byte[] seal(long sequence, byte[] packet) {
        int macLength = macLength();
        byte[] wire = new byte[packet.length + macLength];
        try {
            if (encryptThenMac) {
                System.arraycopy(packet, 0, wire, 0, 4);
                cipher.update(packet, 4, packet.length - 4, wire, 4);
                System.arraycopy(computeMac(sequence, wire, 0, packet.length), 0, wire, packet.length, macLength);
            } else {
                byte[] tag = computeMac(sequence, packet, 0, packet.length);
                cipher.update(packet, 0, packet.length, wire, 0);
                System.arraycopy(tag, 0, wire, packet.length, macLength);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
        return wire;
    }
}
