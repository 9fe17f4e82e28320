package dev.torsion.ssh.cipher;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Optional;

/**
 * {@link Gcm} through OpenSSL 3's libcrypto ({@link LibCrypto}): the fetched {@code AES-128-GCM} or
 * {@code AES-256-GCM} EVP cipher, which uses the CPU's AES and carry-less multiply instructions as
 * OpenSSH's own sshd does.
 *
 * <p>The cipher context is keyed once and only its IV set per packet ({@code EVP_CipherInit_ex}
 * with no cipher and no key); the additional data goes in through {@code EVP_CipherUpdate} with no
 * output, the tag is read with {@code EVP_CTRL_AEAD_GET_TAG} after sealing and set with
 * {@code EVP_CTRL_AEAD_SET_TAG} for {@code EVP_CipherFinal_ex} to check when opening. The data is
 * copied into one native buffer, processed there and copied back only when its tag matched; the
 * buffer is grown when a larger packet comes, never per packet. The shared cleaner frees the
 * context (OpenSSL wipes the key) when the cipher is dropped after a rekey or a close.
 */
final class NativeGcm implements Gcm {
    /** Room for a full channel data packet; a larger one grows the buffer. */
    private static final int INITIAL_BUFFER = 40 * 1024;
    // The scratch memory: the nonce, the output length, the key while it is set.
    private static final int NONCE = 0;
    private static final int OUT_LENGTH = 16;
    private static final int KEY = 32;
    private static final int SCRATCH = KEY + 32;

    private final Memory scratch = new Memory(SCRATCH);
    private final long scratchAddress = Pointer.nativeValue(scratch);
    private final long context;
    private Memory data;
    private long dataAddress;

    /** A cipher with a 16- or 32-byte key; libcrypto must be usable ({@link #unavailable} empty). */
    NativeGcm(byte[] key) {
        long cipher = OPENSSL.get().forKey(key.length);
        scratch.clear();
        context = LibCrypto.EVP_CIPHER_CTX_new();
        LibCrypto.CLEANER.register(this, new Context(context));
        if (context == 0) {
            throw new IllegalStateException("libcrypto could not allocate a cipher context");
        }
        grow(INITIAL_BUFFER);
        scratch.write(KEY, key, 0, key.length);
        int set = LibCrypto.EVP_CipherInit_ex(context, cipher, 0, scratchAddress + KEY, 0, 1);
        scratch.clear();
        check(set, "EVP_CipherInit_ex");
    }

    /** Why libcrypto cannot be used for AES-GCM, or empty when it can; found out once. */
    static Optional<String> unavailable() {
        return OPENSSL.unusable();
    }

    @Override
    public CipherImplementation implementation() {
        return CipherImplementation.NATIVE;
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

    /** Sets the nonce and direction, then feeds the additional data from the buffer's start. */
    private void start(byte[] nonce, int encrypt, int aadLength) {
        scratch.write(NONCE, nonce, 0, 12);
        check(LibCrypto.EVP_CipherInit_ex(context, 0, 0, 0, scratchAddress + NONCE, encrypt), "EVP_CipherInit_ex");
        check(LibCrypto.EVP_CipherUpdate(context, 0, scratchAddress + OUT_LENGTH, dataAddress, aadLength),
                "EVP_CipherUpdate");
    }

    private void crypt(long at, int length) {
        check(LibCrypto.EVP_CipherUpdate(context, at, scratchAddress + OUT_LENGTH, at, length), "EVP_CipherUpdate");
    }

    @Override
    public void seal(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength) {
        int tag = aadLength + textLength;
        grow(tag + TAG_LENGTH);
        data.write(0, buffer, offset, tag);
        start(nonce, 1, aadLength);
        crypt(dataAddress + aadLength, textLength);
        check(LibCrypto.EVP_CipherFinal_ex(context, dataAddress + tag, scratchAddress + OUT_LENGTH), "EVP_CipherFinal_ex");
        check(LibCrypto.EVP_CIPHER_CTX_ctrl(context, LibCrypto.EVP_CTRL_AEAD_GET_TAG, TAG_LENGTH, dataAddress + tag),
                "EVP_CIPHER_CTX_ctrl");
        data.read(aadLength, buffer, offset + aadLength, textLength + TAG_LENGTH);
    }

    @Override
    public boolean open(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength) {
        int tag = aadLength + textLength;
        grow(tag + TAG_LENGTH);
        data.write(0, buffer, offset, tag + TAG_LENGTH);
        start(nonce, 0, aadLength);
        crypt(dataAddress + aadLength, textLength);
        check(LibCrypto.EVP_CIPHER_CTX_ctrl(context, LibCrypto.EVP_CTRL_AEAD_SET_TAG, TAG_LENGTH, dataAddress + tag),
                "EVP_CIPHER_CTX_ctrl");
        if (LibCrypto.EVP_CipherFinal_ex(context, dataAddress + tag, scratchAddress + OUT_LENGTH) != 1) {
            // The refusal may leave an entry in this thread's OpenSSL error queue: nothing reads it.
            LibCrypto.ERR_clear_error();
            return false;
        }
        data.read(aadLength, buffer, offset + aadLength, textLength);
        return true;
    }

    /** Frees one cipher's native context; holds only its address, never the cipher. */
    private record Context(long address) implements Runnable {
        @Override
        public void run() {
            if (address != 0) {
                LibCrypto.EVP_CIPHER_CTX_free(address);
            }
        }
    }

    /** The fetched ciphers, shared by every instance. */
    private static final FetchedAlgorithms<Aes> OPENSSL = FetchedAlgorithms.whenLoaded(() -> {
        long aes128 = LibCrypto.EVP_CIPHER_fetch(0, "AES-128-GCM", null);
        long aes256 = LibCrypto.EVP_CIPHER_fetch(0, "AES-256-GCM", null);
        if (aes128 == 0 || aes256 == 0) {
            return FetchedAlgorithms.refused("libcrypto has no " + (aes128 == 0 ? "AES-128-GCM" : "AES-256-GCM"));
        }
        return FetchedAlgorithms.of(new Aes(aes128, aes256));
    });

    /** The two AES-GCM ciphers' handles. */
    private record Aes(long aes128, long aes256) {
        long forKey(int keyLength) {
            if (keyLength != 16 && keyLength != 32) {
                throw new IllegalArgumentException("AES-GCM here takes a 16- or 32-byte key, not " + keyLength);
            }
            return keyLength == 16 ? aes128 : aes256;
        }
    }
}
