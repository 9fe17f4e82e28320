package dev.torsion.cred.crypt;

import dev.torsion.cred.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Checks passwords against crypt(3) hashes and makes new ones, through commons-codec. Only the
 * schemes of {@link CryptScheme} are accepted: commons-codec's generic {@code Crypt.crypt} would
 * treat any other string as a DES salt, which must never happen with a hash we do not understand.
 */
public final class CryptPasswords {
    private static final String SALT_ALPHABET =
            "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Hashed for unknown users, so that they take as long as known ones. */
    private static final String DUMMY_HASH = Sha2Crypt.sha512Crypt(new byte[] {0}, "$6$torsiondummysalt");

    private CryptPasswords() {
    }

    private static final Pattern SHA512_FORMAT =
            Pattern.compile("\\$6\\$(rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}");
    private static final Pattern SHA256_FORMAT =
            Pattern.compile("\\$5\\$(rounds=[0-9]{1,9}\\$)?[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{43}");
    private static final Pattern MD5_FORMAT =
            Pattern.compile("\\$1\\$[./0-9A-Za-z]{0,8}\\$[./0-9A-Za-z]{22}");

    /**
     * Whether {@code hash} is a complete, well-formed hash of a supported scheme (salt and digest of
     * the right alphabet and length), so that files can be validated when they are read.
     */
    public static boolean isWellFormed(String hash) {
        CryptScheme scheme = CryptScheme.of(hash).orElse(null);
        if (scheme == null) {
            return false;
        }
        switch (scheme) {
            case SHA512:
                return SHA512_FORMAT.matcher(hash).matches();
            case SHA256:
                return SHA256_FORMAT.matcher(hash).matches();
            default:
                return MD5_FORMAT.matcher(hash).matches();
        }
    }

    /** Whether {@code hash} is of a scheme {@link #matches} can check. */
    public static boolean isSupported(String hash) {
        return CryptScheme.of(hash).isPresent();
    }

    /**
     * Whether {@code password} hashes to {@code hash}, compared in constant time. False for hashes
     * of unsupported schemes (see {@link #isSupported}) and malformed ones (see {@link #isWellFormed}).
     */
    public static boolean matches(byte[] password, String hash) {
        CryptScheme scheme = CryptScheme.of(hash).orElse(null);
        if (scheme == null || !isWellFormed(hash)) {
            return false;
        }
        String computed;
        try {
            computed = crypt(scheme, password, hash);
        } catch (IllegalArgumentException malformedSalt) {
            return false;
        }
        return ConstantTime.equals(computed.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Spends the time of one SHA-512 check, for an unknown user; always false. */
    public static boolean matchNothing(byte[] password) {
        matches(password, DUMMY_HASH);
        return false;
    }

    /** A new SHA-512 ({@code $6$}) hash of {@code password} with a random 16-character salt. */
    public static String hash(byte[] password) {
        return crypt(CryptScheme.SHA512, password, CryptScheme.SHA512.prefix() + randomSalt());
    }

    /** A new hash of {@code password} with {@code scheme} (not MD5, which is read only). */
    public static String hash(CryptScheme scheme, byte[] password) {
        if (scheme == CryptScheme.MD5) {
            throw new IllegalArgumentException("MD5 crypt is read only: it is too weak for new hashes");
        }
        return crypt(scheme, password, scheme.prefix() + randomSalt());
    }

    private static String crypt(CryptScheme scheme, byte[] password, String salt) {
        switch (scheme) {
            case SHA512:
                return Sha2Crypt.sha512Crypt(password, salt);
            case SHA256:
                return Sha2Crypt.sha256Crypt(password, salt);
            case MD5:
                return Md5Crypt.md5Crypt(password, salt);
            default:
                throw new IllegalArgumentException("unsupported scheme " + scheme);
        }
    }

    private static String randomSalt() {
        StringBuilder salt = new StringBuilder(SALT_LENGTH);
        for (int i = 0; i < SALT_LENGTH; i++) {
            salt.append(SALT_ALPHABET.charAt(RANDOM.nextInt(SALT_ALPHABET.length())));
        }
        return salt.toString();
    }
}
