package dev.torsion.cred.crypt;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import dev.torsion.cred.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks crypt(3) hashes that commons-codec cannot compute (yescrypt {@code $y$}, gost-yescrypt
 * {@code $gy$}, scrypt {@code $7$}, bcrypt {@code $2b$}/{@code $2a$}/{@code $2y$}) with the system's
 * libcrypt (libxcrypt) through JNA. Only the reentrant {@code crypt_rn} is called, each time with its
 * own zeroed heap buffer of {@code sizeof(struct crypt_data)}, so calls from several threads are
 * safe; the buffer and the native copy of the password are wiped after each call.
 *
 * <p>When libcrypt cannot be loaded, or refuses a hash (a null result: unknown or disabled method,
 * malformed setting), the check says {@link HashVerdict#REFUSED}: the caller must refuse the login.
 * Checkers do not call this class directly: {@link PasswordHashVerifier} picks it for these schemes.
 */
public final class SystemCrypt {
    private static final Logger log = LoggerFactory.getLogger(SystemCrypt.class);
    /** {@code sizeof(struct crypt_data)} in libxcrypt's crypt.h: 384 + 384 + 512 + 767 + 1 + 30720. */
    static final int CRYPT_DATA_SIZE = 32768;
    /** {@code CRYPT_MAX_PASSPHRASE_SIZE}: libcrypt refuses longer pass phrases (with the NUL). */
    static final int MAX_PASSPHRASE_BYTES = 511;
    private static final List<String> PREFIXES = List.of("$y$", "$gy$", "$7$", "$2b$", "$2a$", "$2y$");
    /** A yescrypt setting at Debian's default cost ({@code j9T}), hashed to spend the time of a check. */
    private static final String DUMMY_SETTING = "$y$j9T$abcdefghijklmnopqrstu.$";
    private static final Function CRYPT_RN = loadCryptRn().orElse(null);

    private SystemCrypt() {
    }

    private static Optional<Function> loadCryptRn() {
        try {
            return Optional.of(NativeLibrary.getInstance("crypt").getFunction("crypt_rn"));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.warn("the system's libcrypt (crypt_rn) cannot be loaded; yescrypt, scrypt and bcrypt hashes"
                    + " will be refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the system's libcrypt was loaded. */
    public static boolean isAvailable() {
        return CRYPT_RN != null;
    }

    /** Whether {@code hash} is of a scheme this class hands to libcrypt. */
    public static boolean handles(String hash) {
        for (String prefix : PREFIXES) {
            if (hash.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code password} hashes to {@code hash} (of a scheme {@link #handles} accepts), the two
     * compared in constant time. A password with a NUL byte or longer than libcrypt accepts cannot be
     * the one of a shadow entry: {@link HashVerdict#MISMATCH} without a native call.
     */
    public static HashVerdict check(byte[] password, String hash) {
        if (!handles(hash) || !isPrintableAscii(hash) || CRYPT_RN == null) {
            return HashVerdict.REFUSED;
        }
        if (password.length > MAX_PASSPHRASE_BYTES || containsNul(password)) {
            return HashVerdict.MISMATCH;
        }
        Optional<String> computed = cryptRn(password, hash);
        if (computed.isEmpty()) {
            return HashVerdict.REFUSED;
        }
        boolean equal = ConstantTime.equals(computed.get().getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
        return equal ? HashVerdict.MATCH : HashVerdict.MISMATCH;
    }

    /**
     * Spends the time of one yescrypt check at Debian's default cost (when libcrypt is there), for
     * an unknown user; always false.
     */
    public static boolean matchNothing() {
        if (CRYPT_RN != null) {
            cryptRn(new byte[] {'x'}, DUMMY_SETTING);
        }
        return false;
    }

    /** The hash libcrypt computes, or empty when it refuses (null result or a '*' failure token). */
    private static Optional<String> cryptRn(byte[] password, String setting) {
        byte[] settingBytes = setting.getBytes(StandardCharsets.US_ASCII);
        try (Memory phrase = new Memory(password.length + 1L);
                Memory settingC = new Memory(settingBytes.length + 1L);
                Memory data = new Memory(CRYPT_DATA_SIZE)) {
            phrase.write(0, password, 0, password.length);
            phrase.setByte(password.length, (byte) 0);
            settingC.write(0, settingBytes, 0, settingBytes.length);
            settingC.setByte(settingBytes.length, (byte) 0);
            data.clear(); // crypt_rn wants a zeroed struct crypt_data on its first use
            try {
                Pointer result = CRYPT_RN.invokePointer(new Object[] {phrase, settingC, data, CRYPT_DATA_SIZE});
                if (result == null) {
                    return Optional.empty();
                }
                String hash = result.getString(0, "US-ASCII");
                return hash.isEmpty() || hash.startsWith("*") ? Optional.empty() : Optional.of(hash);
            } finally {
                phrase.clear(); // the pass phrase, and libcrypt's copies of it, leave no trace
                data.clear();
            }
        }
    }

    private static boolean containsNul(byte[] password) {
        for (byte b : password) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code hash} is all printable ASCII, as every crypt hash is. */
    static boolean isPrintableAscii(String hash) {
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
