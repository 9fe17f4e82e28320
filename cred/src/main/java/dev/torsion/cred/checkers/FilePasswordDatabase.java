package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.HashVerdict;
import dev.torsion.cred.crypt.PasswordHashVerifier;
import dev.torsion.cred.crypt.PasswordVerifier;
import dev.torsion.cred.crypt.SystemCrypt;
import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.files.FileSnapshot;
import dev.torsion.cred.files.LineProblem;
import dev.torsion.cred.files.MalformedFileException;
import dev.torsion.cred.files.TextFiles;
import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and password hashes from a file of {@code user:hash} lines, as Twisted's
 * {@code FilePasswordDB}, and as Apache's {@code htpasswd} writes them. Hashes are checked by
 * {@link PasswordHashVerifier#CRYPT_AND_HTPASSWD}, the piece the UNIX account checker shares:
 * <ul>
 *   <li>crypt(3): SHA-512 {@code $6$} ({@code openssl passwd -6}, {@code htpasswd -5}), SHA-256
 *       {@code $5$}, MD5 {@code $1$}, and through the system's libcrypt yescrypt {@code $y$},
 *       gost-yescrypt {@code $gy$}, scrypt {@code $7$} and bcrypt {@code $2b$}/{@code $2a$}/{@code $2y$}
 *       ({@code htpasswd -B}, {@code mkpasswd});</li>
 *   <li>Apache: {@code $apr1$} MD5 ({@code htpasswd -m}, its default) and {@code {SHA}} (base64 of
 *       an unsalted SHA-1, {@code htpasswd -s}; weak, for old files).</li>
 * </ul>
 * Blank lines and {@code #} comments are ignored.
 *
 * <p>A field starting with {@code $} or <code>{</code> is a hash. One of an unknown scheme (say
 * {@code $argon2id$} or <code>{SSHA}</code>) does not stop the file from loading: logins of that user
 * are refused, with one warning per entry naming the user, the line and the scheme (never the hash).
 * A malformed hash of a known scheme is a malformed line.
 *
 * <p>Any other field is a plain-text password ({@code htpasswd -p}; a DES hash of
 * {@code htpasswd -d} looks the same and is not supported). Unlike Twisted's {@code FilePasswordDB},
 * whose default {@code hash=None} compares plain text, plain text is refused (the line is malformed)
 * unless the checker is made with {@link Options#allowPlainText}{@code (true)}; only then can it also
 * check hashed proofs such as CRAM-MD5. The {@code file:PATH} string never allows it.
 *
 * <p>A malformed file is refused when the checker is made, with every bad line and its number. The
 * file is read again when it changes; malformed lines found then are logged (by number, never by
 * content) and skipped, and a file that cannot be read refuses every login until fixed. An unknown
 * user costs a check against the costliest hash of the file (by
 * {@link PasswordHashVerifier#costliest}), so that it takes as long as the slowest known one.
 */
public final class FilePasswordDatabase implements CredentialsChecker {
    private static final Logger log = LoggerFactory.getLogger(FilePasswordDatabase.class);
    private static final PasswordHashVerifier HASHES = PasswordHashVerifier.CRYPT_AND_HTPASSWD;

    /** How the file is read. */
    public static final class Options {
        private boolean allowPlainText;
        private FileLimits limits = FileLimits.DEFAULT;
        private PasswordVerifier verifier = HASHES;

        /**
         * Accept plain-text passwords in the file ({@code htpasswd -p}; not recommended): without
         * this, a line with a field that is not a hash makes the file malformed.
         */
        public Options allowPlainText(boolean allow) {
            this.allowPlainText = allow;
            return this;
        }

        /** Limits on the file's size, line length and number of users. */
        public Options limits(FileLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** What checks passwords against the file's hashes: a test watches it with this. */
        Options verifier(PasswordVerifier verifier) {
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            return this;
        }
    }

    /** One user's stored secret: a hash, or (when allowed) a plain password. */
    private static final class Entry {
        final int lineNumber;
        final String hash;
        final byte[] plain;
        /** Set once a refusal of this entry's unusable hash has been logged: one warning per entry. */
        final AtomicBoolean warned = new AtomicBoolean();

        Entry(int lineNumber, String hash, byte[] plain) {
            this.lineNumber = lineNumber;
            this.hash = hash;
            this.plain = plain;
        }
    }

    private static final class Parsed {
        final Map<String, Entry> entries;
        final List<LineProblem> problems;
        /** The costliest hash of the file, which unknown users are checked against, or null when it has none. */
        final String decoyHash;

        Parsed(Map<String, Entry> entries, List<LineProblem> problems, String decoyHash) {
            this.entries = entries;
            this.problems = problems;
            this.decoyHash = decoyHash;
        }
    }

    private final Path file;
    private final boolean allowPlainText;
    private final FileLimits limits;
    private final PasswordVerifier verifier;
    private Map<String, Entry> entries;
    private String decoyHash;
    private FileSnapshot snapshot;
    private List<LineProblem> problems;
    private boolean unreadable;

    /** A checker of {@code file} that refuses plain-text passwords. */
    public FilePasswordDatabase(Path file) {
        this(file, new Options());
    }

    /**
     * A checker of {@code file}. Throws {@link MalformedFileException} listing the malformed lines
     * and {@link CheckerConfigurationException} when the file cannot be read.
     */
    public FilePasswordDatabase(Path file, Options options) {
        this.file = Objects.requireNonNull(file, "file");
        this.allowPlainText = options.allowPlainText;
        this.limits = options.limits;
        this.verifier = options.verifier;
        try {
            FileSnapshot current = FileSnapshot.of(file);
            Parsed parsed = parse(TextFiles.readLines(file, limits));
            if (!parsed.problems.isEmpty()) {
                throw new MalformedFileException(file, parsed.problems);
            }
            this.entries = parsed.entries;
            this.problems = parsed.problems;
            this.decoyHash = parsed.decoyHash;
            this.snapshot = current;
        } catch (IOException e) {
            throw new CheckerConfigurationException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file this checker reads. */
    public Path file() {
        return file;
    }

    /** The malformed lines found the last time the file was read (they were skipped). */
    public synchronized List<LineProblem> problems() {
        return List.copyOf(problems);
    }

    @Override
    public Set<Class<? extends Credentials>> credentialTypes() {
        return allowPlainText
                ? Set.of(UsernamePassword.class, UsernameHashedPassword.class)
                : Set.of(UsernamePassword.class);
    }

    @Override
    public Deferred<AvatarId> requestAvatarId(Credentials credentials) {
        UsernameHashedPassword given = (UsernameHashedPassword) credentials;
        Entry entry = currentEntries().get(given.username());
        if (entry != null && check(given.username(), entry, given)) {
            return Deferred.succeed(AvatarId.of(given.username()));
        }
        if (entry == null && given instanceof UsernamePassword) {
            byte[] password = ((UsernamePassword) given).password();
            spendOneCheck(password); // an unknown user takes as long as a known one
            Arrays.fill(password, (byte) 0);
        }
        return Deferred.fail(new UnauthorizedLogin());
    }

    private boolean check(String username, Entry entry, UsernameHashedPassword given) {
        if (entry.plain != null) {
            return given.checkPassword(entry.plain);
        }
        if (!(given instanceof UsernamePassword)) {
            return false; // a hashed proof cannot be checked against a stored hash
        }
        byte[] password = ((UsernamePassword) given).password();
        try {
            HashVerdict verdict = verifier.verify(password, entry.hash);
            if (verdict == HashVerdict.REFUSED) {
                warnOnce(username, entry);
                PasswordHashVerifier.spendOneCheck(password); // the refusal may have been at once
            }
            return verdict == HashVerdict.MATCH;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** Says once per entry why its hash cannot be checked: the scheme, never the hash. */
    private void warnOnce(String username, Entry entry) {
        if (entry.warned.compareAndSet(false, true)) {
            String why = HASHES.accepts(entry.hash)
                    ? (SystemCrypt.isAvailable() ? "malformed, or refused by the system's libcrypt (a disabled method)"
                            : "malformed, or the system's libcrypt (libxcrypt) is not available")
                    : "not a supported scheme (supported: " + HASHES.supportedPrefixes() + ")";
            log.warn("password file {} line {}: user {} has a password hash of scheme {} that cannot be checked: {};"
                    + " its logins are refused", file, entry.lineNumber, LogSafe.text(username),
                    PasswordHashVerifier.schemeName(entry.hash), why);
        }
    }

    /**
     * For an unknown user, what the costliest known one costs: a check against the file's costliest
     * hash (its scheme, salt and parameters; the verdict is thrown away), and a dummy check when
     * that is refused, as {@link #check} does. Were it any hash of the file, a user whose hash costs
     * more would answer more slowly, and so be told from an unknown one. A file without hashes costs
     * nothing to check, for known users too.
     */
    private void spendOneCheck(byte[] password) {
        String decoy = currentDecoyHash();
        if (decoy != null && verifier.verify(password, decoy) == HashVerdict.REFUSED) {
            PasswordHashVerifier.spendOneCheck(password);
        }
    }

    private synchronized String currentDecoyHash() {
        return decoyHash;
    }

    /** The entries, read again first when the file changed since the last read. */
    private synchronized Map<String, Entry> currentEntries() {
        try {
            FileSnapshot current = FileSnapshot.of(file);
            if (current.equals(snapshot) && !unreadable) {
                return entries;
            }
            Parsed parsed = parse(TextFiles.readLines(file, limits));
            for (LineProblem problem : parsed.problems) {
                log.warn("password file {} {}: line skipped", file, problem);
            }
            log.info("password file {} changed: read {} users", file, parsed.entries.size());
            entries = parsed.entries;
            problems = parsed.problems;
            decoyHash = parsed.decoyHash;
            snapshot = current;
            unreadable = false;
        } catch (IOException e) {
            if (!unreadable) {
                log.error("password file {} cannot be read; refusing every login until it can: {}",
                        file, e.toString());
            }
            unreadable = true;
            entries = Map.of();
        }
        return entries;
    }

    private Parsed parse(List<String> lines) {
        Map<String, Entry> parsed = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        List<LineProblem> found = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (TextFiles.isBlankOrComment(line)) {
                continue;
            }
            String problem = lineProblem(line);
            if (problem == null && parsed.size() >= limits.maxEntries()) {
                problem = "more than " + limits.maxEntries() + " users";
            }
            if (problem == null) {
                String user = line.substring(0, line.indexOf(':'));
                Integer earlier = firstSeen.putIfAbsent(user, number);
                if (earlier != null) {
                    problem = "user " + LogSafe.text(user) + " appears again (first on line " + earlier + ")";
                } else {
                    Entry entry = entryOf(number, line.substring(line.indexOf(':') + 1));
                    parsed.put(user, entry);
                    if (entry.hash != null) {
                        hashes.add(entry.hash);
                    }
                }
            }
            if (problem != null) {
                found.add(new LineProblem(number, problem));
            }
        }
        return new Parsed(Map.copyOf(parsed), found, HASHES.costliest(hashes).orElse(null));
    }

    private static Entry entryOf(int lineNumber, String secret) {
        if (isHash(secret)) {
            return new Entry(lineNumber, secret, null);
        }
        return new Entry(lineNumber, null, secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a field is a hash: {@code $id$...} (crypt) or <code>{TAG}...</code> (Apache, LDAP). */
    private static boolean isHash(String secret) {
        return secret.startsWith("$") || secret.startsWith("{");
    }

    /** Why {@code line} is malformed, or null when it is fine. Never quotes the secret. */
    private String lineProblem(String line) {
        if (line.length() > limits.maxLineLength()) {
            return "longer than " + limits.maxLineLength() + " characters";
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            return "no ':' between user name and password hash";
        }
        String user = line.substring(0, colon);
        String secret = line.substring(colon + 1);
        if (user.isEmpty()) {
            return "empty user name";
        }
        if (!user.chars().allMatch(c -> c > ' ' && c != 0x7f)) {
            return "user name contains white space or control characters";
        }
        if (secret.isEmpty()) {
            return "empty password hash";
        }
        if (isHash(secret)) {
            // Unknown schemes are kept, and their logins refused with a warning (see warnOnce).
            if (HASHES.accepts(secret) && !HASHES.isWellFormed(secret)) {
                return "malformed " + PasswordHashVerifier.schemeName(secret) + " hash";
            }
            return null;
        }
        if (!allowPlainText) {
            return "plain-text password (or DES hash) refused: hash it with 'htpasswd -B' or 'openssl passwd -6',"
                    + " or allow plain text explicitly";
        }
        return null;
    }
}
