package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.DisconnectReason;
import dev.torsion.ssh.codec.SshProtocolException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * {@code chacha20-poly1305@openssh.com} (OpenSSH's PROTOCOL.chacha20poly1305): a 64-byte key whose
 * second half (K_1) encrypts the length and whose first half (K_2) encrypts the packet from block
 * 1 on, block 0 giving the Poly1305 key; the nonce is the sequence number; the tag covers the
 * encrypted length and the ciphertext. ChaCha20 here is the original one (64-bit nonce).
 */
public final class ChaCha20Poly1305 implements PacketCipher {
    /** The key length: two ChaCha20 keys. */
    public static final int KEY_LENGTH = 64;
    private static final int TAG_LENGTH = 16;

    private final byte[] mainKey;
    private final byte[] headerKey;

    /** A cipher with the 64-byte key from the key exchange. */
    public ChaCha20Poly1305(byte[] key) {
        if (key.length < KEY_LENGTH) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a 64-byte key");
        }
        this.mainKey = Arrays.copyOfRange(key, 0, 32);
        this.headerKey = Arrays.copyOfRange(key, 32, 64);
    }

    @Override
    public int blockSize() {
        return 8;
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

    private static ChaChaEngine engine(byte[] key, long sequence) {
        ChaChaEngine engine = new ChaChaEngine(20);
        engine.init(true, new ParametersWithIV(new KeyParameter(key), Bytes.uint64(sequence)));
        return engine;
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        byte[] length = new byte[4];
        engine(headerKey, sequence).processBytes(first, 0, 4, length, 0);
        return Bytes.uint32(length, 0);
    }

    private byte[] tag(ChaChaEngine main, byte[] data, int length) {
        byte[] polyKey = new byte[32];
        main.processBytes(new byte[32], 0, 32, polyKey, 0);
        main.seekTo(64); // the payload starts at block 1
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey));
        poly.update(data, 0, length);
        byte[] tag = new byte[TAG_LENGTH];
        poly.doFinal(tag, 0);
        return tag;
    }

    @Override
    public byte[] open(long sequence, byte[] wire) throws SshProtocolException {
        int body = wire.length - TAG_LENGTH;
        ChaChaEngine main = engine(mainKey, sequence);
        byte[] expected = tag(main, wire, body);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(wire, body, wire.length))) {
            throw new SshProtocolException(DisconnectReason.MAC_ERROR, "packet authentication failed");
        }
        byte[] plain = new byte[body - 4];
        main.processBytes(wire, 4, body - 4, plain, 0);
        return plain;
    }

    @Override
    public byte[] seal(long sequence, byte[] packet) {
        byte[] wire = new byte[packet.length + TAG_LENGTH];
        engine(headerKey, sequence).processBytes(packet, 0, 4, wire, 0);
        ChaChaEngine main = engine(mainKey, sequence);
        byte[] polyKey = new byte[32];
        main.processBytes(new byte[32], 0, 32, polyKey, 0);
        main.seekTo(64);
        main.processBytes(packet, 4, packet.length - 4, wire, 4);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey));
        poly.update(wire, 0, packet.length);
        poly.doFinal(wire, packet.length);
        return wire;
    }
}
