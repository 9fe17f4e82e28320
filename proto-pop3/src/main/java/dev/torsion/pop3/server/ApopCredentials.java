package dev.torsion.pop3.server;

import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An APOP answer (RFC 1939 §7): the hex MD5 of the greeting's timestamp followed by the shared
 * secret. Only a checker that holds plain passwords can check it.
 */
public final class ApopCredentials implements UsernameHashedPassword {
    private final String username;
    private final String timestamp;
    private final String digest;

    /** The answer of {@code username} to the greeting's {@code timestamp} (brackets included). */
    public ApopCredentials(String username, String timestamp, String digest) {
        this.username = Objects.requireNonNull(username, "username");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.digest = Objects.requireNonNull(digest, "digest").toLowerCase(Locale.ROOT);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public boolean checkPassword(byte[] password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            md5.update(password);
            byte[] expected = HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
            return ConstantTime.equals(expected, digest.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "ApopCredentials(" + username.replaceAll("[^\\x21-\\x7e]", "?") + ")";
    }
}
