package dev.torsion.cred.crypt;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stored-hash schemes Torsion checks, each known by the prefix that starts its hashes, and the
 * piece of code that computes it.
 */
enum HashScheme {
    SHA512_CRYPT(Engine.COMMONS_CODEC, "$6$"),
    SHA256_CRYPT(Engine.COMMONS_CODEC, "$5$"),
    MD5_CRYPT(Engine.COMMONS_CODEC, "$1$"),
    YESCRYPT(Engine.LIBCRYPT, "$y$"),
    GOST_YESCRYPT(Engine.LIBCRYPT, "$gy$"),
    SCRYPT(Engine.LIBCRYPT, "$7$"),
    BCRYPT(Engine.LIBCRYPT, "$2b$", "$2a$", "$2y$"),
    /** Apache's MD5 crypt: MD5 crypt with the magic {@code $apr1$} ({@code htpasswd -m}, its default). */
    APR1_MD5(Engine.COMMONS_CODEC, "$apr1$"),
    /** Apache's {@code {SHA}}: base64 of an unsalted SHA-1 ({@code htpasswd -s}); weak, read only. */
    HTPASSWD_SHA1(Engine.JDK, "{SHA}");

    /** What computes a scheme's hashes. */
    enum Engine {
        /** commons-codec, in Java. */
        COMMONS_CODEC,
        /** The system's libcrypt, through {@link SystemCrypt}. */
        LIBCRYPT,
        /** The JDK's {@code MessageDigest}. */
        JDK
    }

    /** The schemes of crypt(3), as {@code /etc/shadow} holds them. */
    static final Set<HashScheme> CRYPT = EnumSet.range(SHA512_CRYPT, BCRYPT);
    /** The crypt(3) schemes and Apache's own, as a password file made by {@code htpasswd} holds them. */
    static final Set<HashScheme> CRYPT_AND_HTPASSWD = EnumSet.allOf(HashScheme.class);

    private final Engine engine;
    private final List<String> prefixes;

    HashScheme(Engine engine, String... prefixes) {
        this.engine = engine;
        this.prefixes = List.of(prefixes);
    }

    Engine engine() {
        return engine;
    }

    List<String> prefixes() {
        return prefixes;
    }

    /** The scheme whose prefix starts {@code hash}, or empty. */
    static Optional<HashScheme> of(String hash) {
        for (HashScheme scheme : values()) {
            for (String prefix : scheme.prefixes) {
                if (hash.startsWith(prefix)) {
                    return Optional.of(scheme);
                }
            }
        }
        return Optional.empty();
    }
}
