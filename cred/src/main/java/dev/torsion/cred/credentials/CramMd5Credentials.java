package dev.torsion.cred.credentials;

import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.LogSafe;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CRAM-MD5 answer (RFC 2195): the server's challenge and the peer's hex HMAC-MD5 of it, keyed
 * with the password. Used by SMTP, IMAP and POP3 servers; a checker holding plain passwords checks it.
 */
public final class CramMd5Credentials implements UsernameHashedPassword {
    private final String username;
    private final byte[] challenge;
    private final String response;

    /** The answer of {@code username} to {@code challenge}: {@code response} is the hex digest. */
    public CramMd5Credentials(String username, byte[] challenge, String response) {
        this.username = Objects.requireNonNull(username, "username");
        this.challenge = Objects.requireNonNull(challenge, "challenge").clone();
        this.response = Objects.requireNonNull(response, "response").toLowerCase(Locale.ROOT);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public boolean checkPassword(byte[] password) {
        if (password.length == 0) {
            return false; // an empty HMAC key is not a password
        }
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(password, "HmacMD5"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(challenge)).getBytes(StandardCharsets.US_ASCII);
            return ConstantTime.equals(expected, response.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacMD5 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "CramMd5Credentials(" + LogSafe.text(username) + ")";
    }
}
