package dev.torsion.cred;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Comparison of secrets in time that does not depend on where they differ, nor on their lengths.
 * {@link MessageDigest#isEqual} alone returns early when the lengths differ, which tells an
 * attacker the length of the secret; comparing SHA-256 digests of both first hides it.
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /** Whether {@code a} and {@code b} hold the same bytes, compared in constant time. */
    public static boolean equals(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return false;
        }
        boolean digestsEqual = MessageDigest.isEqual(sha256(a), sha256(b));
        // Equal digests of different inputs would be a SHA-256 collision; check the bytes anyway.
        return digestsEqual & MessageDigest.isEqual(a, b);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
