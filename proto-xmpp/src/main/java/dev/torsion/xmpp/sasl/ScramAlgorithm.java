package dev.torsion.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.Normalizer;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/** The hash functions of SCRAM (RFC 5802 §2.2) for SHA-1 and SHA-256 (RFC 7677). */
public enum ScramAlgorithm {
    /** SCRAM-SHA-256 (RFC 7677), preferred. */
    SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 32),
    /** SCRAM-SHA-1 (RFC 5802), mandatory to implement in XMPP (RFC 6120 §13.8.3). */
    SHA_1("SCRAM-SHA-1", "SHA-1", "HmacSHA1", "PBKDF2WithHmacSHA1", 20);

    private final String mechanism;
    private final String digest;
    private final String mac;
    private final String pbkdf2;
    private final int length;

    ScramAlgorithm(String mechanism, String digest, String mac, String pbkdf2, int length) {
        this.mechanism = mechanism;
        this.digest = digest;
        this.mac = mac;
        this.pbkdf2 = pbkdf2;
        this.length = length;
    }

    /** The SASL mechanism name. */
    public String mechanism() {
        return mechanism;
    }

    /** The algorithm of {@code mechanism}, or null. */
    public static ScramAlgorithm forMechanism(String mechanism) {
        for (ScramAlgorithm algorithm : values()) {
            if (algorithm.mechanism.equals(mechanism)) {
                return algorithm;
            }
        }
        return null;
    }

    /**
     * Hi(Normalize(password), salt, i) of RFC 5802 §2.2: PBKDF2 with this HMAC. The password is
     * normalized with NFKC, the normalization SASLprep (RFC 4013) applies to the common cases.
     */
    public byte[] saltedPassword(byte[] passwordUtf8, byte[] salt, int iterations) {
        char[] password = Normalizer.normalize(new String(passwordUtf8, StandardCharsets.UTF_8),
                Normalizer.Form.NFKC).toCharArray();
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance(pbkdf2).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
                Arrays.fill(password, '\0');
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2 + " unavailable", e);
        }
    }

    /** HMAC(key, data). */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac instance = Mac.getInstance(mac);
            instance.init(new SecretKeySpec(key, mac));
            return instance.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(mac + " unavailable", e);
        }
    }

    /** H(data). */
    public byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " unavailable", e);
        }
    }
}
