package dev.torsion.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digest algorithms of RFC 8760 (SHA-256) and RFC 3261 section 22.4 (MD5), as RFC 7616 names them. */
public enum DigestAlgorithm {
    /** SHA-256 (RFC 8760 section 2.2), preferred and offered first. */
    SHA_256("SHA-256", "SHA-256"),
    /** MD5, for the clients RFC 8760 section 2.4 still has to serve. */
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The name in the {@code algorithm} parameter. */
    public String token() {
        return token;
    }

    /** The algorithm a parameter names (MD5 when absent, RFC 7616 section 3.3), or null when unknown. */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null) {
            return MD5;
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token)) {
                return algorithm;
            }
        }
        return null;
    }

    /** The lowercase hex digest of {@code text} in UTF-8. */
    public String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " unavailable", e);
        }
    }
}
