package dev.torsion.cred.unix;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One account of {@code /etc/shadow}: the name, the password hash and the day (since 1970-01-01)
 * the account expires, when set. {@link #toString()} leaves the hash out.
 */
public final class ShadowEntry {
    private final String name;
    private final String hash;
    private final OptionalLong expiresOnDay;

    /** An account as read from the file. */
    public ShadowEntry(String name, String hash, OptionalLong expiresOnDay) {
        this.name = Objects.requireNonNull(name, "name");
        this.hash = Objects.requireNonNull(hash, "hash");
        this.expiresOnDay = Objects.requireNonNull(expiresOnDay, "expiresOnDay");
    }

    /** The login name. */
    public String name() {
        return name;
    }

    /** The password field: a crypt hash, or {@code !}/{@code *}-prefixed when locked, or empty. */
    public String hash() {
        return hash;
    }

    /** Whether the password is locked ({@code !} or {@code *} in front) or absent. */
    public boolean isLocked() {
        return hash.isEmpty() || hash.startsWith("!") || hash.startsWith("*");
    }

    /** The day, counted from 1970-01-01, from which the account is expired, when one is set. */
    public OptionalLong expiresOnDay() {
        return expiresOnDay;
    }

    @Override
    public String toString() {
        return "ShadowEntry(" + name + ", hash hidden)";
    }
}
