package dev.torsion.xmpp.server.s2s;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dialback keys as XEP-0185 §3 recommends: HMAC-SHA256 keyed with the SHA-256 of the server's
 * secret, over "Receiving Server", a space, "Originating Server", a space and the stream id,
 * hex-encoded. Only the server holding the secret can make or check one; checks are constant-time.
 */
public final class DialbackKey {
    private final byte[] hashedSecret;

    /** Keys made with {@code secret} (UTF-8 bytes, copied as its SHA-256). */
    public DialbackKey(byte[] secret) {
        this.hashedSecret = sha256(secret);
    }

    /** The key for a stream from {@code originating} to {@code receiving} with id {@code streamId}. */
    public String generate(String receiving, String originating, String streamId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashedSecret, "HmacSHA256"));
            byte[] tag = mac.doFinal((receiving + " " + originating + " " + streamId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code key} is the one for these parties and stream id. */
    public boolean matches(String receiving, String originating, String streamId, String key) {
        byte[] expected = generate(receiving, originating, streamId).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, key.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
