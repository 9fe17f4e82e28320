package dev.torsion.cred.checkers;

import dev.torsion.cred.AvatarId;
import dev.torsion.cred.CheckerConfigurationException;
import dev.torsion.cred.LogSafe;
import dev.torsion.cred.UnauthorizedLogin;
import dev.torsion.cred.credentials.Credentials;
import dev.torsion.cred.credentials.UsernameHashedPassword;
import dev.torsion.cred.credentials.UsernamePassword;
import dev.torsion.cred.crypt.CryptPasswords;
import dev.torsion.cred.crypt.CryptScheme;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and password hashes from a file of {@code user:hash} lines, as Twisted's
 * {@code FilePasswordDB}. Hashes are crypt(3) SHA-512 ({@code $6$}, what
 * {@code openssl passwd -6} makes), SHA-256 ({@code $5$}) or, read only, MD5 ({@code $1$}). Blank
 * lines and {@code #} comments are ignored.
 *
 * <p>Plain-text passwords (a field without a {@code $id$} prefix) are refused unless
 * {@link Options#allowPlainText} is set; only then can the checker also check hashed proofs such as
 * CRAM-MD5. A malformed file is refused when the checker is made, with every bad line and its
 * number. The file is read again when it changes; malformed lines found then are logged (by number,
 * never by content) and skipped, and a file that cannot be read refuses every login until fixed.
 */
public final class FilePasswordDatabase implements CredentialsChecker {
    private static final Logger log = LoggerFactory.getLogger(FilePasswordDatabase.class);

    /** How the file is read. */
    public static final class Options {
        private boolean allowPlainText;
        private FileLimits limits = FileLimits.DEFAULT;

        /** Accept plain-text passwords in the file (not recommended). */
        public Options allowPlainText(boolean allow) {
            this.allowPlainText = allow;
            return this;
        }

        /** Limits on the file's size, line length and number of users. */
        public Options limits(FileLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }
    }

    /** One user's stored secret: a crypt hash, or (when allowed) a plain password. */
    private static final class Entry {
        final String hash;
        final byte[] plain;

        Entry(String hash, byte[] plain) {
            this.hash = hash;
            this.plain = plain;
        }
    }

    private static final class Parsed {
        final Map<String, Entry> entries;
        final List<LineProblem> problems;

        Parsed(Map<String, Entry> entries, List<LineProblem> problems) {
            this.entries = entries;
            this.problems = problems;
        }
    }

    private final Path file;
    private final boolean allowPlainText;
    private final FileLimits limits;
    private Map<String, Entry> entries;
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
        try {
            FileSnapshot current = FileSnapshot.of(file);
            Parsed parsed = parse(TextFiles.readLines(file, limits));
            if (!parsed.problems.isEmpty()) {
                throw new MalformedFileException(file, parsed.problems);
            }
            this.entries = parsed.entries;
            this.problems = parsed.problems;
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
        if (entry != null && check(entry, given)) {
            return Deferred.succeed(AvatarId.of(given.username()));
        }
        if (entry == null && given instanceof UsernamePassword) {
            byte[] password = ((UsernamePassword) given).password();
            CryptPasswords.matchNothing(password); // an unknown user takes as long as a known one
            java.util.Arrays.fill(password, (byte) 0);
        }
        return Deferred.fail(new UnauthorizedLogin());
    }

    private static boolean check(Entry entry, UsernameHashedPassword given) {
        if (entry.plain != null) {
            return given.checkPassword(entry.plain);
        }
        if (!(given instanceof UsernamePassword)) {
            return false; // a hashed proof cannot be checked against a stored hash
        }
        byte[] password = ((UsernamePassword) given).password();
        try {
            return CryptPasswords.matches(password, entry.hash);
        } finally {
            java.util.Arrays.fill(password, (byte) 0);
        }
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
                    parsed.put(user, entryOf(line.substring(line.indexOf(':') + 1)));
                }
            }
            if (problem != null) {
                found.add(new LineProblem(number, problem));
            }
        }
        return new Parsed(Map.copyOf(parsed), found);
    }

    private Entry entryOf(String secret) {
        if (secret.startsWith("$")) {
            return new Entry(secret, null);
        }
        return new Entry(null, secret.getBytes(StandardCharsets.UTF_8));
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
        if (secret.startsWith("$")) {
            if (!CryptPasswords.isSupported(secret)) {
                return "unsupported hash scheme " + CryptScheme.describeUnsupported(secret)
                        + " (supported: $6$, $5$, $1$)";
            }
            if (!CryptPasswords.isWellFormed(secret)) {
                return "malformed " + CryptScheme.of(secret).orElseThrow().prefix() + " hash";
            }
            return null;
        }
        if (!allowPlainText) {
            return "plain-text password refused (hash it with 'openssl passwd -6', or allow plain text explicitly)";
        }
        return null;
    }
}
