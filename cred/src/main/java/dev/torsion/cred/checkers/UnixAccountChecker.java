package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.HashVerdict;
import dev.torsion.cred.crypt.PasswordHashVerifier;
import dev.torsion.cred.crypt.PasswordVerifier;
import dev.torsion.cred.crypt.SystemCrypt;
import dev.torsion.cred.files.FileSnapshot;
import dev.torsion.cred.unix.PasswdEntry;
import dev.torsion.cred.unix.ShadowEntry;
import dev.torsion.cred.unix.UnixAccountFiles;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords of the machine's UNIX accounts, as Twisted's {@code UNIXPasswordDatabase}: the
 * user must exist in {@code /etc/passwd}, and the password must match the hash of
 * {@code /etc/shadow} (or of the passwd file's own field on systems without shadow passwords).
 * Locked accounts ({@code !} or {@code *} hashes), accounts without a password and expired accounts
 * are refused. Hashes are checked by {@link PasswordHashVerifier#CRYPT}, the piece the password-file
 * checker shares: {@code $6$}, {@code $5$} and {@code $1$} by commons-codec; yescrypt ({@code $y$},
 * Debian's default), gost-yescrypt ({@code $gy$}), scrypt ({@code $7$}) and bcrypt ({@code $2b$},
 * {@code $2a$}, {@code $2y$}) by the system's libcrypt. Hashes of other schemes (DES), malformed
 * ones and those libcrypt is missing for or refuses are refused with a warning naming the scheme. Unknown and locked users cost a check against the shadow file's costliest hash, so that they take as long as the slowest known one.
 *
 * <p>Reading {@code /etc/shadow} needs root or the {@code shadow} group: the checker verifies when
 * it is made that it can, and says so clearly when not.
 */
public final class UnixAccountChecker implements CredentialsChecker {
    private static final Logger log = LoggerFactory.getLogger(UnixAccountChecker.class);
    private static final String IN_SHADOW = "x";
    /** Shadow files hold crypt(3) hashes only: Apache's htpasswd schemes are not accepted there. */
    private static final PasswordHashVerifier HASHES = PasswordHashVerifier.CRYPT;

    private final UnixAccountFiles accounts;
    private final Clock wallClock;
    private final PasswordVerifier verifier;
    /** The shadow file as it was when {@link #decoyHash} was picked. */
    private FileSnapshot decoySnapshot;
    /** The costliest hash of the shadow file, checked for unknown users; null when it has none. */
    private String decoyHash;

    /** A checker of the system's accounts. */
    public UnixAccountChecker() {
        this(new UnixAccountFiles(), Clock.systemUTC());
    }

    /**
     * A checker of the accounts in {@code accounts}, with {@code wallClock} telling the date for
     * account expiry. Throws {@link CheckerConfigurationException} when a file cannot be read.
     */
    public UnixAccountChecker(UnixAccountFiles accounts, Clock wallClock) {
        this(accounts, wallClock, HASHES);
    }

    /** As {@link #UnixAccountChecker(UnixAccountFiles, Clock)}, with the verifier a test watches. */
    UnixAccountChecker(UnixAccountFiles accounts, Clock wallClock, PasswordVerifier verifier) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        ensureReadable();
    }

    private void ensureReadable() {
        try {
            accounts.passwdEntry("\u0000probe");
        } catch (IOException e) {
            throw new CheckerConfigurationException("cannot read " + accounts.passwdFile() + ": " + describe(e), e);
        }
        try {
            accounts.shadowEntry("\u0000probe");
        } catch (AccessDeniedException e) {
            throw new CheckerConfigurationException("cannot read " + accounts.shadowFile()
                    + ": permission denied; the unix checker needs root or membership of the group"
                    + " that owns it (usually 'shadow')", e);
        } catch (IOException e) {
            throw new CheckerConfigurationException("cannot read " + accounts.shadowFile() + ": " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return Set.of(UsernamePassword.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        UsernamePassword given = (UsernamePassword) credentials;
        byte[] password = given.password();
        try {
            Optional<String> hash = usableHash(given.username());
            if (hash.isPresent() && verify(given.username(), password, hash.get())) {
                return Deferred.succeed(AvatarId.of(given.username()));
            }
            if (hash.isEmpty()) {
                spendCostliestCheck(password); // refusals take the time of the costliest account's check
            }
            return Deferred.fail(new UnauthorizedLogin());
        } catch (IOException e) {
            log.error("cannot read the account files: {}", describe(e));
            return Deferred.fail(new UnauthorizedLogin(e));
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Whether {@code password} matches {@code hash}; a hash that cannot be checked is logged. */
    private boolean verify(String username, byte[] password, String hash) {
        HashVerdict verdict = verifier.verify(password, hash);
        if (verdict == HashVerdict.REFUSED) {
            log.warn("account {} has a password hash of scheme {} that cannot be checked: {}",
                    LogSafe.text(username), PasswordHashVerifier.schemeName(hash), SystemCrypt.isAvailable()
                            ? "malformed, or the system's libcrypt refused it (a disabled method)"
                            : "malformed, or the system's libcrypt (libxcrypt) is not available");
            PasswordHashVerifier.spendOneCheck(password); // the refusal may have been at once
        }
        return verdict == HashVerdict.MATCH;
    }

    /**
     * For an unknown (or locked) account, what the costliest account costs: a check against the
     * shadow file's costliest hash (its scheme, salt and parameters; the verdict is thrown away), or
     * the dummy check when there is none or it is refused. With a fixed dummy, accounts whose hash
     * costs more or less than it could be told from unknown ones by the time of a refusal.
     */
    private void spendCostliestCheck(byte[] password) throws IOException {
        String decoy = currentDecoyHash();
        if (decoy == null || verifier.verify(password, decoy) == HashVerdict.REFUSED) {
            PasswordHashVerifier.spendOneCheck(password);
        }
    }

    /** The costliest hash of the shadow file, picked again when the file changed. */
    private synchronized String currentDecoyHash() throws IOException {
        FileSnapshot current = FileSnapshot.of(accounts.shadowFile());
        if (!current.equals(decoySnapshot)) {
            decoyHash = HASHES.costliest(accounts.shadowHashes()).orElse(null);
            decoySnapshot = current;
        }
        return decoyHash;
    }

    /** The hash to check the password against, or empty when the account cannot log in with one. */
    private Optional<String> usableHash(String username) throws IOException {
        if (username.isEmpty() || username.indexOf(':') >= 0 || username.indexOf('\n') >= 0) {
            return Optional.empty();
        }
        Optional<PasswdEntry> account = accounts.passwdEntry(username);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String hash = account.get().passwordField();
        if (IN_SHADOW.equals(hash)) {
            Optional<ShadowEntry> shadow = accounts.shadowEntry(username);
            if (shadow.isEmpty()) {
                return Optional.empty();
            }
            if (shadow.get().isLocked() || isExpired(shadow.get())) {
                log.info("login refused for locked or expired account {}", LogSafe.text(username));
                return Optional.empty();
            }
            hash = shadow.get().hash();
        }
        if (!HASHES.accepts(hash)) {
            if (!hash.isEmpty() && !hash.startsWith("!") && !hash.startsWith("*")) {
                log.warn("account {} has a password hash of unsupported scheme {}", LogSafe.text(username),
                        PasswordHashVerifier.schemeName(hash));
            }
            return Optional.empty();
        }
        return Optional.of(hash);
    }

    private boolean isExpired(ShadowEntry entry) {
        if (entry.expiresOnDay().isEmpty()) {
            return false;
        }
        long today = LocalDate.now(wallClock).toEpochDay();
        return today >= entry.expiresOnDay().getAsLong();
    }
}
