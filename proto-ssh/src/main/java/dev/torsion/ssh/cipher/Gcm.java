package dev.torsion.ssh.cipher;

/**
 * AES in Galois/Counter Mode (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag, on data laid
 * out as an SSH packet is: the additional authenticated data, then the text, then the tag. The
 * primitive under {@link AesGcm}, which adds SSH's framing and nonce; one key per instance, used
 * from one thread.
 */
sealed interface Gcm permits JdkGcm, NativeGcm {
    /** The tag length. */
    int TAG_LENGTH = 16;

    /** Which code this is. */
    CipherImplementation implementation();

    /**
     * Encrypts {@code buffer[offset + aadLength, + textLength)} where it lies, authenticating the
     * {@code aadLength} bytes before it too, and writes the tag after it.
     */
    void seal(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength);

    /**
     * Checks the tag after {@code buffer[offset + aadLength, + textLength)} over the data and the
     * text, then decrypts the text where it lies; false when the tag does not match, the buffer then
     * left as it was.
     */
    boolean open(byte[] nonce, byte[] buffer, int offset, int aadLength, int textLength);
}
