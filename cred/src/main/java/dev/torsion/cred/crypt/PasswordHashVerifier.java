package dev.torsion.cred.crypt;

import dev.torsion.cred.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.codec.digest.Md5Crypt;

/**
 * Checks a password against a stored hash: the one piece that the checkers reading hashes share
 * ({@code UnixAccountChecker} for {@code /etc/shadow}, {@code FilePasswordDatabase} for password
 * files). It recognises the scheme by the hash's prefix and hands it to what computes it:
 * commons-codec for {@code $6$}, {@code $5$}, {@code $1$} ({@link CryptPasswords}) and Apache's
 * {@code $apr1$}; the system's libcrypt for yescrypt {@code $y$}, gost-yescrypt {@code $gy$}, scrypt
 * {@code $7$} and bcrypt {@code $2b$}/{@code $2a$}/{@code $2y$} ({@link SystemCrypt}); the JDK's
 * SHA-1 for Apache's {@code {SHA}}. The computed hash and the stored one are always compared in
 * constant time ({@link ConstantTime#equals}).
 *
 * <p>Two instances: {@link #CRYPT} (crypt(3) schemes, what a shadow file holds) and
 * {@link #CRYPT_AND_HTPASSWD} (those and Apache's, what {@code htpasswd} writes). A hash of any other
 * scheme, or a malformed one, is {@link HashVerdict#REFUSED}, never guessed at: commons-codec's
 * generic {@code Crypt.crypt} would take an unknown string for a DES salt. This class never logs;
 * callers say why a hash was refused with {@link #schemeName}, which never shows the hash.
 */
public final class PasswordHashVerifier implements PasswordVerifier {
    /** The crypt(3) schemes, as {@code /etc/shadow} holds them. */
    public static final PasswordHashVerifier CRYPT = new PasswordHashVerifier(HashScheme.CRYPT);
    /** The crypt(3) schemes and Apache's {@code $apr1$} and {@code {SHA}}, as {@code htpasswd} writes them. */
    public static final PasswordHashVerifier CRYPT_AND_HTPASSWD = new PasswordHashVerifier(HashScheme.CRYPT_AND_HTPASSWD);

    private static final Pattern APR1_FORMAT = Pattern.compile("\\$apr1\\$[./0-9A-Za-z]{1,8}\\$[./0-9A-Za-z]{22}");
    /** 20 bytes of SHA-1 are 27 base64 characters and one '='. */
    private static final Pattern SHA1_FORMAT = Pattern.compile("\\{SHA\\}[A-Za-z0-9+/]{27}=");
    /** What LDAP-style scheme tags look like ({@code SSHA}, {@code SHA512}, {@code PBKDF2-SHA256}). */
    private static final Pattern SCHEME_TAG = Pattern.compile("[A-Z0-9-]{1,16}");

    private final Set<HashScheme> schemes;

    private PasswordHashVerifier(Set<HashScheme> schemes) {
        this.schemes = Set.copyOf(schemes);
    }

    /** Whether {@code hash} is of a scheme this verifier checks (well formed or not). */
    public boolean accepts(String hash) {
        return scheme(hash).isPresent();
    }

    /**
     * Whether {@code hash} is of a scheme this verifier checks and well formed: salt and digest of
     * the right alphabet and length for the schemes computed in Java; printable ASCII for those of
     * libcrypt, which judges the rest when it checks.
     */
    public boolean isWellFormed(String hash) {
        HashScheme scheme = scheme(hash).orElse(null);
        if (scheme == null) {
            return false;
        }
        switch (scheme) {
            case SHA512_CRYPT:
            case SHA256_CRYPT:
            case MD5_CRYPT:
                return CryptPasswords.isWellFormed(hash);
            case APR1_MD5:
                return APR1_FORMAT.matcher(hash).matches();
            case HTPASSWD_SHA1:
                return SHA1_FORMAT.matcher(hash).matches();
            default:
                return SystemCrypt.isPrintableAscii(hash);
        }
    }

    /**
     * Whether {@code password} (UTF-8 bytes, left as it is) hashes to {@code hash}: a
     * {@link HashVerdict#REFUSED} when the hash is of a scheme this verifier does not check, is
     * malformed, or libcrypt is missing or refuses it.
     */
    @Override
    public HashVerdict verify(byte[] password, String hash) {
        HashScheme scheme = scheme(hash).orElse(null);
        if (scheme == null || !isWellFormed(hash)) {
            return HashVerdict.REFUSED;
        }
        switch (scheme.engine()) {
            case LIBCRYPT:
                return SystemCrypt.check(password, hash);
            case JDK:
                return verdict(ConstantTime.equals(sha1Base64(password), ascii(hash)));
            default:
                return verifyInJava(scheme, password, hash);
        }
    }

    private static HashVerdict verifyInJava(HashScheme scheme, byte[] password, String hash) {
        // commons-codec wipes the key bytes it is given: it gets a copy, so the caller's stay usable.
        byte[] copy = password.clone();
        try {
            if (scheme == HashScheme.APR1_MD5) {
                return verdict(ConstantTime.equals(ascii(Md5Crypt.apr1Crypt(copy, hash)), ascii(hash)));
            }
            return verdict(CryptPasswords.matches(copy, hash));
        } catch (IllegalArgumentException malformedSalt) {
            return HashVerdict.REFUSED;
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }

    /** The stored form of {@code password} in Apache's {@code {SHA}} scheme. */
    private static byte[] sha1Base64(byte[] password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password);
            return ascii("{SHA}" + Base64.getEncoder().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /**
     * Spends the time of one check, for a login refused before any (an unknown user): yescrypt at
     * Debian's default cost when libcrypt is there, else SHA-512 crypt.
     */
    public static void spendOneCheck(byte[] password) {
        if (SystemCrypt.isAvailable()) {
            SystemCrypt.matchNothing();
        } else {
            CryptPasswords.matchNothing(password.clone());
        }
    }

    /**
     * A rough estimate, in nanoseconds, of what checking a password against {@code hash} costs,
     * read from its scheme and parameters (rounds, bcrypt cost, yescrypt and scrypt N, r, p); zero
     * for a hash this verifier does not check. Meant for ordering hashes by cost, not for timing.
     */
    public long estimatedCostNanos(String hash) {
        return scheme(hash).filter(s -> isWellFormed(hash)).map(s -> HashCost.nanos(s, hash)).orElse(0L);
    }

    /**
     * The well-formed hash of {@code hashes} that costs the most to check (the first of equals), or
     * empty when none is of a scheme this verifier checks: what an unknown user is checked against,
     * so that a refusal takes as long as the slowest real account's.
     */
    public Optional<String> costliest(Iterable<String> hashes) {
        String costliest = null;
        long highest = 0;
        for (String hash : hashes) {
            long cost = estimatedCostNanos(hash);
            if (cost > highest) {
                highest = cost;
                costliest = hash;
            }
        }
        return Optional.ofNullable(costliest);
    }

    /** The prefixes of the schemes this verifier checks, for messages: {@code "$6$, $5$, ..."}. */
    public String supportedPrefixes() {
        return schemes.stream().sorted().flatMap(s -> s.prefixes().stream()).collect(Collectors.joining(", "));
    }

    /**
     * A short name of the scheme of {@code hash} for a log line or an error: its {@code $id$} or
     * {@code {TAG}} prefix, or a description when it has none. Never the hash itself.
     */
    public static String schemeName(String hash) {
        Optional<String> known = HashScheme.of(hash).flatMap(s -> s.prefixes().stream().filter(hash::startsWith).findFirst());
        if (known.isPresent()) {
            return known.get();
        }
        if (hash.startsWith("{")) {
            int end = hash.indexOf('}');
            boolean tagThenHash = end > 0 && end < hash.length() - 1;
            return tagThenHash && SCHEME_TAG.matcher(hash.substring(1, end)).matches()
                    ? hash.substring(0, end + 1) : "unknown {-scheme";
        }
        return CryptScheme.describeUnsupported(hash);
    }

    private Optional<HashScheme> scheme(String hash) {
        return HashScheme.of(hash).filter(schemes::contains);
    }

    private static HashVerdict verdict(boolean equal) {
        return equal ? HashVerdict.MATCH : HashVerdict.MISMATCH;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
