package dev.torsion.ssh.cipher;

/**
 * Which code computes an AEAD cipher that has two: OpenSSL's libcrypto or the JDK's (with
 * BouncyCastle's Poly1305 for chacha20-poly1305). Each such cipher chooses once per process with an
 * {@link ImplementationChoice}; {@link ChaCha20Poly1305#create(CipherImplementation, byte[])} and
 * {@link AesGcm#create(CipherImplementation, byte[], byte[], boolean)} make either on request.
 */
public enum CipherImplementation {
    /** OpenSSL 3's libcrypto through JNA ({@link LibCrypto}). */
    NATIVE,
    /** Java code: the JDK's ciphers, BouncyCastle's Poly1305. */
    JDK
}
