package dev.torsion.ssh.cipher;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.torsion.ssh.codec.SshProtocolException;
import java.lang.ref.Cleaner;
import java.util.Optional;

/**
 * {@link ChaCha20Poly1305} through OpenSSL 3's libcrypto ({@link LibCrypto}): the raw
 * {@code ChaCha20} EVP cipher and the {@code POLY1305} EVP MAC, which use the CPU's vector
 * instructions as OpenSSH's own sshd does.
 *
 * <p>OpenSSL's ChaCha20 takes a 16-byte IV that it loads as the last four 32-bit little-endian
 * words of the ChaCha state (block counter, then nonce), and carries the counter from the first word
 * into the second. OpenSSH's original ChaCha20 has a 64-bit counter in those first two words and
 * its 64-bit nonce, the sequence number as {@code uint64} big-endian bytes, in the last two. So the
 * IV is {@code uint64le(0) || uint64be(sequence)}: block 0 for the length and the Poly1305 key, the
 * payload from block 1 on as the stream goes on.
 *
 * <p>Each instance holds its two cipher contexts and its MAC context for its whole life (only the
 * IV or the Poly1305 key changes per packet) and one native buffer the packet is copied into and
 * back out of, grown when a larger packet comes and never per packet; a {@link Cleaner} frees the
 * contexts (OpenSSL wipes the keys) when the cipher is dropped after a rekey or a close.
 */
final class NativeChaCha20Poly1305 extends ChaCha20Poly1305 {
    /** Room for a full channel data packet; a larger one grows the buffer. */
    private static final int INITIAL_BUFFER = 40 * 1024;

    // The scratch memory: IV, output length, the computed tag, the length field, 64 zero bytes
    // (never written) and the Poly1305 key block.
    private static final int IV = 0;
    private static final int OUT_LENGTH = 16;
    private static final int TAG = 32;
    private static final int LENGTH = 48;
    private static final int ZEROS = 64;
    private static final int POLY_KEY = ZEROS + BLOCK;
    private static final int SCRATCH = POLY_KEY + BLOCK;

    private final Memory scratch = new Memory(SCRATCH);
    private final long scratchAddress = Pointer.nativeValue(scratch);
    private final long header;
    private final long main;
    private final long poly;
    private final byte[] iv = new byte[16];
    private final byte[] length = new byte[4];
    private Memory data;
    private long dataAddress;

    /** A cipher with the 64-byte key from the key exchange; libcrypto must be usable ({@link #unavailable} empty). */
    NativeChaCha20Poly1305(byte[] key) {
        super(key);
        ChaChaPoly algorithms = OPENSSL.get();
        scratch.clear();
        header = LibCrypto.EVP_CIPHER_CTX_new();
        main = LibCrypto.EVP_CIPHER_CTX_new();
        poly = LibCrypto.EVP_MAC_CTX_new(algorithms.poly1305);
        LibCrypto.CLEANER.register(this, new Contexts(header, main, poly));
        if (header == 0 || main == 0 || poly == 0) {
            throw new IllegalStateException("libcrypto could not allocate its contexts");
        }
        grow(INITIAL_BUFFER);
        // The keys go through the Poly1305 key block, wiped after.
        scratch.write(POLY_KEY, key, 0, 32);
        scratch.write(POLY_KEY + 32, key, 32, 32);
        int mainSet = LibCrypto.EVP_CipherInit_ex(main, algorithms.chacha20, 0, scratchAddress + POLY_KEY,
                scratchAddress + IV, 1);
        int headerSet = LibCrypto.EVP_CipherInit_ex(header, algorithms.chacha20, 0, scratchAddress + POLY_KEY + 32,
                scratchAddress + IV, 1);
        scratch.clear();
        check(mainSet, "EVP_CipherInit_ex");
        check(headerSet, "EVP_CipherInit_ex");
    }

    /** Why libcrypto cannot be used, or empty when it can; found out once. */
    static Optional<String> unavailable() {
        return OPENSSL.unusable();
    }

    private static void check(int result, String function) {
        if (result != 1) {
            throw new IllegalStateException(function + " failed in libcrypto");
        }
    }

    private void grow(int bytes) {
        if (data == null || data.size() < bytes) {
            // Doubling: a peer sending ever larger packets (up to the decoder's limit) grows it a few times.
            data = new Memory(data == null ? bytes : Math.max(bytes, data.size() * 2));
            dataAddress = Pointer.nativeValue(data);
        }
    }

    /** Sets the IV of {@code sequence} at block 0 (the counter half stays zero). */
    private void setSequence(long sequence) {
        Bytes.putUint32(iv, 8, sequence >>> 32);
        Bytes.putUint32(iv, 12, sequence);
        scratch.write(IV, iv, 0, iv.length);
    }

    private void restart(long context) {
        check(LibCrypto.EVP_CipherInit_ex(context, 0, 0, 0, scratchAddress + IV, 1), "EVP_CipherInit_ex");
    }

    private void xor(long context, long from, long to, int bytes) {
        check(LibCrypto.EVP_CipherUpdate(context, to, scratchAddress + OUT_LENGTH, from, bytes), "EVP_CipherUpdate");
    }

    /** Restarts the main key stream and keys Poly1305 with its block 0; the payload comes next. */
    private void startMain() {
        restart(main);
        xor(main, scratchAddress + ZEROS, scratchAddress + POLY_KEY, BLOCK);
        check(LibCrypto.EVP_MAC_init(poly, scratchAddress + POLY_KEY, 32, 0), "EVP_MAC_init");
    }

    private void tag(long from, int bytes, long to) {
        check(LibCrypto.EVP_MAC_update(poly, from, bytes), "EVP_MAC_update");
        check(LibCrypto.EVP_MAC_final(poly, to, scratchAddress + OUT_LENGTH, TAG_LENGTH), "EVP_MAC_final");
    }

    @Override
    public long packetLength(long sequence, byte[] first) {
        scratch.write(LENGTH, first, 0, 4);
        setSequence(sequence);
        restart(header);
        xor(header, scratchAddress + LENGTH, scratchAddress + LENGTH, 4);
        scratch.read(LENGTH, length, 0, 4);
        return Bytes.uint32(length, 0);
    }

    @Override
    public int openInPlace(long sequence, byte[] buffer, int offset, int wireLength) throws SshProtocolException {
        checkWireLength(wireLength);
        int body = wireLength - TAG_LENGTH;
        grow(wireLength);
        data.write(0, buffer, offset, wireLength);
        setSequence(sequence);
        startMain();
        tag(dataAddress, body, scratchAddress + TAG);
        if (LibCrypto.CRYPTO_memcmp(scratchAddress + TAG, dataAddress + body, TAG_LENGTH) != 0) {
            throw badTag();
        }
        xor(main, dataAddress + 4, dataAddress + 4, body - 4);
        data.read(4, buffer, offset + 4, body - 4);
        return offset + 4;
    }

    @Override
    public void sealInPlace(long sequence, byte[] buffer, int packetBytes) {
        grow(packetBytes + TAG_LENGTH);
        data.write(0, buffer, 0, packetBytes);
        setSequence(sequence);
        restart(header);
        xor(header, dataAddress, dataAddress, 4);
        startMain();
        xor(main, dataAddress + 4, dataAddress + 4, packetBytes - 4);
        tag(dataAddress, packetBytes, dataAddress + packetBytes);
        data.read(0, buffer, 0, packetBytes + TAG_LENGTH);
    }

    /** Frees one cipher's native contexts; holds only their addresses, never the cipher. */
    private record Contexts(long header, long main, long poly) implements Runnable {
        @Override
        public void run() {
            if (header != 0) {
                LibCrypto.EVP_CIPHER_CTX_free(header);
            }
            if (main != 0) {
                LibCrypto.EVP_CIPHER_CTX_free(main);
            }
            if (poly != 0) {
                LibCrypto.EVP_MAC_CTX_free(poly);
            }
        }
    }

    /** The fetched algorithms, shared by every cipher. */
    private static final FetchedAlgorithms<ChaChaPoly> OPENSSL = FetchedAlgorithms.whenLoaded(() -> {
        long chacha20 = LibCrypto.EVP_CIPHER_fetch(0, "ChaCha20", null);
        long poly1305 = LibCrypto.EVP_MAC_fetch(0, "POLY1305", null);
        if (chacha20 == 0 || poly1305 == 0) {
            return FetchedAlgorithms.refused("libcrypto has no " + (chacha20 == 0 ? "ChaCha20" : "POLY1305"));
        }
        return FetchedAlgorithms.of(new ChaChaPoly(chacha20, poly1305));
    });

    /** The ChaCha20 cipher's and the Poly1305 MAC's handles. */
    private record ChaChaPoly(long chacha20, long poly1305) {
    }
}
