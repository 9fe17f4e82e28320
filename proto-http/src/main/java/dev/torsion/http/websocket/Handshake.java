package dev.torsion.http.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The keys of the opening handshake (RFC 6455 sections 1.3 and 4.1). */
public final class Handshake {
    /** The GUID appended to the client's key (section 1.3). */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The only protocol version (section 4.1). */
    public static final String VERSION = "13";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /** A client's {@code Sec-WebSocket-Key}: 16 random bytes in base64 (section 4.1). */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** Whether {@code key} is a valid {@code Sec-WebSocket-Key}: base64 of exactly 16 bytes (section 4.2.1). */
    public static boolean isValidKey(String key) {
        if (key == null || key.length() != 24) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code Sec-WebSocket-Accept} for {@code key}: base64 of SHA-1 of the key and the GUID (section 4.2.2). */
    public static String acceptFor(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }
}
