package dev.torsion.cred.crypt;

/**
 * What checks a password against a stored hash. {@link PasswordHashVerifier} is the one the
 * checkers use; the interface lets a test watch which hashes a checker verifies.
 */
@FunctionalInterface
public interface PasswordVerifier {
    /** Whether {@code password} (UTF-8 bytes, left as it is) hashes to {@code hash}. */
    HashVerdict verify(byte[] password, String hash);
}
