package dev.torsion.xmpp.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The handshake of the component protocol (XEP-0114 §3): the lower-case hex SHA-1 of the stream id
 * the server sent followed by the shared secret, both as UTF-8. Checked in constant time.
 */
public final class ComponentHandshake {
    private ComponentHandshake() {
    }

    /** The handshake value for {@code streamId} and {@code secret}. */
    public static String digest(String streamId, byte[] secret) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(streamId.getBytes(StandardCharsets.UTF_8));
            sha1.update(secret);
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Whether {@code received} (hex, either case, whitespace around it ignored) is the handshake for {@code streamId} and {@code secret}. */
    public static boolean matches(String streamId, byte[] secret, String received) {
        byte[] expected = digest(streamId, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = received.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }
}
