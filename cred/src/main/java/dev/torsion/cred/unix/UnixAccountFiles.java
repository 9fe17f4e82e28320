package dev.torsion.cred.unix;

import dev.torsion.cred.files.FileLimits;
import dev.torsion.cred.files.TextFiles;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Looks accounts up in a {@code passwd} and a {@code shadow} file ({@code /etc/passwd} and
 * {@code /etc/shadow} unless told otherwise, so that tests use files of their own). Both are read
 * on each look-up, so that changes apply at once; lines that do not parse are ignored, as the C
 * library does.
 */
public final class UnixAccountFiles {
    /** The system's account file. */
    public static final Path SYSTEM_PASSWD = Paths.get("/etc/passwd");
    /** The system's password hash file. */
    public static final Path SYSTEM_SHADOW = Paths.get("/etc/shadow");

    private final Path passwd;
    private final Path shadow;
    private final FileLimits limits;

    /** The system's files. */
    public UnixAccountFiles() {
        this(SYSTEM_PASSWD, SYSTEM_SHADOW, FileLimits.DEFAULT);
    }

    /** The given files, read within {@code limits}. */
    public UnixAccountFiles(Path passwd, Path shadow, FileLimits limits) {
        this.passwd = Objects.requireNonNull(passwd, "passwd");
        this.shadow = Objects.requireNonNull(shadow, "shadow");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** The passwd file. */
    public Path passwdFile() {
        return passwd;
    }

    /** The shadow file. */
    public Path shadowFile() {
        return shadow;
    }

    /** The account {@code name} of the passwd file. */
    public Optional<PasswdEntry> passwdEntry(String name) throws IOException {
        for (String[] fields : matchingLines(passwd, name)) {
            if (fields.length < 7) {
                continue;
            }
            try {
                return Optional.of(new PasswdEntry(fields[0], fields[1], Long.parseLong(fields[2]),
                        Long.parseLong(fields[3]), Paths.get(fields[5]), fields[6]));
            } catch (NumberFormatException | InvalidPathException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The account {@code name} of the shadow file. */
    public Optional<ShadowEntry> shadowEntry(String name) throws IOException {
        for (String[] fields : matchingLines(shadow, name)) {
            if (fields.length < 2) {
                continue;
            }
            OptionalLong expires = OptionalLong.empty();
            if (fields.length > 7 && !fields[7].isEmpty()) {
                try {
                    expires = OptionalLong.of(Long.parseLong(fields[7]));
                } catch (NumberFormatException malformed) {
                    // An unreadable expiry date is taken as expired: refusing is the safe side.
                    expires = OptionalLong.of(0);
                }
            }
            return Optional.of(new ShadowEntry(fields[0], fields[1], expires));
        }
        return Optional.empty();
    }

    /**
     * The password fields of every account of the shadow file, in file order (locked and empty ones
     * too): the checker picks the costliest for unknown users.
     */
    public List<String> shadowHashes() throws IOException {
        List<String> hashes = new ArrayList<>();
        for (String line : TextFiles.readLines(shadow, limits)) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 2) {
                hashes.add(fields[1]);
            }
        }
        return hashes;
    }

    /** The colon-separated fields of the lines of {@code file} whose first field is {@code name}. */
    private List<String[]> matchingLines(Path file, String name) throws IOException {
        String prefix = name + ":";
        return TextFiles.readLines(file, limits).stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.split(":", -1))
                .collect(Collectors.toList());
    }
}
