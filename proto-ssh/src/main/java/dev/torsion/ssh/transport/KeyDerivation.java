package dev.torsion.ssh.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Key derivation (RFC 4253 section 7.2): {@code HASH(K || H || X || session_id)} with X from "A"
 * to "F", extended by {@code HASH(K || H || K1 || ...)} until long enough. K is given encoded as in
 * the exchange hash (mpint, or string for the hybrids).
 */
public final class KeyDerivation {
    private final String hash;
    private final byte[] sharedSecret;
    private final byte[] exchangeHash;
    private final byte[] sessionId;

    /** A derivation for one key exchange. */
    public KeyDerivation(String hash, byte[] sharedSecret, byte[] exchangeHash, byte[] sessionId) {
        this.hash = hash;
        this.sharedSecret = sharedSecret;
        this.exchangeHash = exchangeHash;
        this.sessionId = sessionId;
    }

    /** {@code length} bytes of key material for letter {@code letter} ('A'..'F'). */
    public byte[] derive(char letter, int length) {
        MessageDigest digest = digest();
        digest.update(sharedSecret);
        digest.update(exchangeHash);
        digest.update((byte) letter);
        digest.update(sessionId);
        byte[] key = digest.digest();
        while (key.length < length) {
            digest.update(sharedSecret);
            digest.update(exchangeHash);
            digest.update(key);
            byte[] more = digest.digest();
            byte[] longer = Arrays.copyOf(key, key.length + more.length);
            System.arraycopy(more, 0, longer, key.length, more.length);
            key = longer;
        }
        return Arrays.copyOf(key, length);
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
