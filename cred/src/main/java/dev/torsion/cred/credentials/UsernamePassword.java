package dev.torsion.cred.credentials;

import dev.torsion.cred.ConstantTime;
import dev.torsion.cred.LogSafe;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A user name and a plain password, as Twisted's {@code UsernamePassword}. The password is held as
 * UTF-8 bytes (never as a {@link String}, which cannot be wiped), compared in constant time, left
 * out of {@link #toString()}, and wiped by {@link #destroy()}.
 */
public final class UsernamePassword implements UsernameHashedPassword, Destroyable {
    private final String username;
    private final byte[] password;
    private boolean destroyed;

    /** Credentials with the password as bytes (copied; the caller may wipe its array). */
    public UsernamePassword(String username, byte[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
    }

    /** Credentials with the password as characters, encoded as UTF-8 without going through a String. */
    public UsernamePassword(String username, char[] password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = utf8(Objects.requireNonNull(password, "password"));
    }

    /** UTF-8 bytes of {@code chars}, with the intermediate buffer wiped. */
    static byte[] utf8(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    @Override
    public String username() {
        return username;
    }

    /** A copy of the password's UTF-8 bytes; the caller should wipe it after use. */
    public byte[] password() {
        ensureNotDestroyed();
        return password.clone();
    }

    @Override
    public boolean checkPassword(byte[] expected) {
        ensureNotDestroyed();
        return ConstantTime.equals(password, expected);
    }

    /** Whether the password equals {@code expected}, compared in constant time. */
    public boolean checkPassword(char[] expected) {
        byte[] bytes = utf8(expected);
        try {
            return checkPassword(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Wipes the password; the credentials cannot be checked afterwards. */
    @Override
    public void destroy() {
        Arrays.fill(password, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    private void ensureNotDestroyed() {
        if (destroyed) {
            throw new IllegalStateException("credentials were destroyed");
        }
    }

    @Override
    public String toString() {
        return "UsernamePassword(" + LogSafe.text(username) + ", password hidden)";
    }
}
