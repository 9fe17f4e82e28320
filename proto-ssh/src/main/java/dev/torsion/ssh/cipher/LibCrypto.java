package dev.torsion.ssh.cipher;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Optional;

/**
 * The few OpenSSL 3 libcrypto calls {@link NativeChaCha20Poly1305} and {@link NativeGcm} need, bound with JNA's direct
 * mapping (a native method per function: no proxy, no argument conversion beyond the primitives).
 * Pointers and {@code size_t} are passed as Java {@code long}s, which is their width on the LP64
 * platforms this is loaded on ({@link #load} refuses others), so a packet's calls allocate nothing.
 *
 * <p>Loaded once, the first time {@link #unavailable} is asked; until it has answered empty no
 * method here may be called.
 */
final class LibCrypto {
    /** The names tried in order: Debian's runtime package ships only the versioned file. */
    private static final List<String> NAMES = List.of("libcrypto.so.3", "crypto");
    /** {@code OpenSSL_version_num()} of 3.0.0: EVP_MAC and fetched ciphers start there. */
    private static final long OPENSSL_3 = 0x30000000L;

    /** Frees the native contexts of ciphers that are gone (one thread for all of them). */
    static final Cleaner CLEANER = Cleaner.create();

    /** {@code EVP_CTRL_AEAD_GET_TAG}: copies the tag of the packet just sealed. */
    static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
    /** {@code EVP_CTRL_AEAD_SET_TAG}: the tag a decryption's final call checks. */
    static final int EVP_CTRL_AEAD_SET_TAG = 0x11;

    private LibCrypto() {
    }

    /**
     * Why the functions below cannot be used (no library, a library older than OpenSSL 3, a 32-bit
     * JVM), or empty when they are bound; found out once per process.
     */
    static Optional<String> unavailable() {
        return Loaded.REFUSAL;
    }

    /** Holds the outcome of binding, tried when first asked for. */
    private static final class Loaded {
        static final Optional<String> REFUSAL = load();
    }

    /** Binds the functions below to libcrypto; the reason when it cannot. */
    private static Optional<String> load() {
        if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
            return Optional.of("not an LP64 JVM");
        }
        StringBuilder reasons = new StringBuilder();
        for (String name : NAMES) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                // The version first: binding OpenSSL 1.1 would fail on EVP_MAC_fetch, and this says why.
                long version = library.getFunction("OpenSSL_version_num").invokeLong(new Object[0]);
                if (version < OPENSSL_3) {
                    return Optional.of(String.format("%s is older than OpenSSL 3 (0x%x)", name, version));
                }
                Native.register(LibCrypto.class, library);
                return Optional.empty();
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                reasons.append(name).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return Optional.of(reasons.toString());
    }

    /** {@code EVP_CIPHER *EVP_CIPHER_fetch(OSSL_LIB_CTX *ctx, const char *algorithm, const char *properties)}. */
    static native long EVP_CIPHER_fetch(long libraryContext, String algorithm, String properties);

    /** {@code EVP_CIPHER_CTX *EVP_CIPHER_CTX_new(void)}. */
    static native long EVP_CIPHER_CTX_new();

    /** {@code void EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx)}. */
    static native void EVP_CIPHER_CTX_free(long context);

    /**
     * {@code int EVP_CipherInit_ex(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *type, ENGINE *impl,
     * const unsigned char *key, const unsigned char *iv, int enc)}: a null cipher and key keep those
     * already set, so a new IV alone restarts the key stream.
     */
    static native int EVP_CipherInit_ex(long context, long cipher, long engine, long key, long iv, int encrypt);

    /** {@code int EVP_CipherUpdate(EVP_CIPHER_CTX *ctx, unsigned char *out, int *outl, const unsigned char *in, int inl)}. */
    static native int EVP_CipherUpdate(long context, long out, long outLength, long in, int inLength);

    /** {@code int EVP_CipherFinal_ex(EVP_CIPHER_CTX *ctx, unsigned char *outm, int *outl)}: 0 for a wrong GCM tag. */
    static native int EVP_CipherFinal_ex(long context, long out, long outLength);

    /** {@code int EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr)}. */
    static native int EVP_CIPHER_CTX_ctrl(long context, int type, int arg, long pointer);

    /** {@code void ERR_clear_error(void)}: empties this thread's error queue after a refused packet. */
    static native void ERR_clear_error();

    /** {@code EVP_MAC *EVP_MAC_fetch(OSSL_LIB_CTX *libctx, const char *algorithm, const char *properties)}. */
    static native long EVP_MAC_fetch(long libraryContext, String algorithm, String properties);

    /** {@code EVP_MAC_CTX *EVP_MAC_CTX_new(EVP_MAC *mac)}. */
    static native long EVP_MAC_CTX_new(long mac);

    /** {@code void EVP_MAC_CTX_free(EVP_MAC_CTX *ctx)}. */
    static native void EVP_MAC_CTX_free(long context);

    /** {@code int EVP_MAC_init(EVP_MAC_CTX *ctx, const unsigned char *key, size_t keylen, const OSSL_PARAM params[])}. */
    static native int EVP_MAC_init(long context, long key, long keyLength, long params);

    /** {@code int EVP_MAC_update(EVP_MAC_CTX *ctx, const unsigned char *data, size_t datalen)}. */
    static native int EVP_MAC_update(long context, long data, long length);

    /** {@code int EVP_MAC_final(EVP_MAC_CTX *ctx, unsigned char *out, size_t *outl, size_t outsize)}. */
    static native int EVP_MAC_final(long context, long out, long outLength, long outSize);

    /** {@code int CRYPTO_memcmp(const void *a, const void *b, size_t len)}: constant time. */
    static native int CRYPTO_memcmp(long a, long b, long length);
}
