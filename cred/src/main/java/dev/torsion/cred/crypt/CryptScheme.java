package dev.torsion.cred.crypt;

import java.util.Optional;

/**
 * The crypt(3) hash schemes Torsion reads: SHA-512 ({@code $6$}) and SHA-256 ({@code $5$}), and
 * MD5 ({@code $1$}) for old files only: new hashes are never made with it.
 */
public enum CryptScheme {
    /** SHA-512 crypt, the one new hashes use. */
    SHA512("$6$"),
    /** SHA-256 crypt. */
    SHA256("$5$"),
    /** MD5 crypt: weak, read only. */
    MD5("$1$");

    private final String prefix;

    CryptScheme(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix that marks a hash of this scheme, for example {@code $6$}. */
    public String prefix() {
        return prefix;
    }

    /** The scheme of {@code hash}, or empty when it is none Torsion reads. */
    public static Optional<CryptScheme> of(String hash) {
        for (CryptScheme scheme : values()) {
            if (hash.startsWith(scheme.prefix)) {
                return Optional.of(scheme);
            }
        }
        return Optional.empty();
    }

    /**
     * A short name of the scheme of a hash Torsion cannot read (for error messages): its
     * {@code $id$} prefix, or "plain text / DES" when it has none. Never the hash itself.
     */
    public static String describeUnsupported(String hash) {
        if (hash.startsWith("$")) {
            int end = hash.indexOf('$', 1);
            if (end > 1 && end <= 12) {
                return "$" + hash.substring(1, end) + "$";
            }
            return "unknown $-scheme";
        }
        return "no $id$ prefix (plain text or DES)";
    }
}
