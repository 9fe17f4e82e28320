package dev.torsion.ssh.cipher;

import dev.torsion.ssh.codec.SshProtocolException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * {@link ChaCha20Poly1305} in Java: the fallback when OpenSSL's libcrypto cannot be used.
 *
 * <p>The JDK's {@code ChaCha20} is RFC 8439's (96-bit nonce, 32-bit counter), which gives the
 * original cipher's key stream with the nonce {@code 0x00000000 || uint64(sequence)} as long as the
 * counter stays below 2^32 blocks, which a packet of at most 256 KiB never reaches. The JDK's cipher
 * is used because it is faster than BouncyCastle's {@code ChaChaEngine} on JDK 17 (about 440 against
 * 300 MiB/s of CPU time on 32 KiB packets); Poly1305 is BouncyCastle's (the JDK's is not public).
 */
final class JdkChaCha20Poly1305 extends ChaCha20Poly1305 {
    private static final byte[] ZERO_BLOCK = new byte[BLOCK];

    private final SecretKeySpec mainKey;
    private final SecretKeySpec headerKey;
    private final Cipher main;
    private final Cipher header;
    private final Poly1305 poly = new Poly1305();
    private final byte[] nonce = new byte[12];
    private final byte[] firstBlock = new byte[BLOCK];
    private final byte[] length = new byte[4];
    private final byte[] expectedTag = new byte[TAG_LENGTH];
    private final byte[] receivedTag = new byte[TAG_LENGTH];

    /** A cipher with the 64-byte key from the key exchange. */
    JdkChaCha20Poly1305(byte[] key) {
        super(key);
        this.mainKey = new SecretKeySpec(key, 0, 32, "ChaCha20");
        this.headerKey = new SecretKeySpec(key, 32, 32, "ChaCha20");
        try {
            this.main = Cipher.getInstance("ChaCha20");
            this.header = Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no ChaCha20", e);
        }
    }

    /**
     * Starts {@code cipher} at block 0 of the key stream for {@code sequence}. The JDK refuses to
     * init a cipher twice in a row with the same key and nonce; each cipher here is started once
     * per packet, and each packet has its own sequence number.
     */
    private void start(Cipher cipher, SecretKeySpec key, long sequence) {
        Bytes.putUint32(nonce, 4, sequence >>> 32);
        Bytes.putUint32(nonce, 8, sequence);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 refused its key", e);
        }
    }

    private static void xor(Cipher cipher, byte[] in, int offset, int length, byte[] out, int outOffset) {
        try {
            cipher.update(in, offset, length, out, outOffset);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        start(header, headerKey, sequence);
        xor(header, first, 0, 4, length, 0);
        return Bytes.uint32(length, 0);
    }

    /** Starts the main key stream: block 0 keys Poly1305, the payload starts at block 1. */
    private void startMain(long sequence) {
        start(main, mainKey, sequence);
        xor(main, ZERO_BLOCK, 0, BLOCK, firstBlock, 0);
        poly.init(new KeyParameter(firstBlock, 0, 32));
    }

    @Override
    public int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException {
        checkWireLength(wireLength);
        int body = wireLength - TAG_LENGTH;
        startMain(sequence);
        poly.update(buffer, offset, body);
        poly.doFinal(expectedTag, 0);
        System.arraycopy(buffer, offset + body, receivedTag, 0, TAG_LENGTH);
        if (!MessageDigest.isEqual(expectedTag, receivedTag)) {
            throw badTag();
        }
        xor(main, buffer, offset + 4, body - 4, buffer, offset + 4);
        return offset + 4;
    }

    @Override
    public void sealInPlace(long sequence, byte[] buffer, int packetBytes) {
        start(header, headerKey, sequence);
        xor(header, buffer, 0, 4, buffer, 0);
        startMain(sequence);
        xor(main, buffer, 4, packetBytes - 4, buffer, 4);
        poly.update(buffer, 0, packetBytes);
        poly.doFinal(buffer, packetBytes);
    }
}
