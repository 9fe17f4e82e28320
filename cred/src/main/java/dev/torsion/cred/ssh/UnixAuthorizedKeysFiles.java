package dev.torsion.cred.ssh;

import dev.torsion.cred.LogSafe;
import dev.torsion.cred.unix.PasswdEntry;
import dev.torsion.cred.unix.UnixAccountFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ~/.ssh/authorized_keys} and {@code ~/.ssh/authorized_keys2} of UNIX accounts, with
 * home directories from {@code /etc/passwd} (as Twisted's {@code UNIXAuthorizedKeysFiles}). Like
 * sshd's {@code StrictModes}, a file is ignored when it, or the directories above it up to the home
 * directory, can be written by group or others, or belong to someone other than the user or root:
 * anyone who can write there could add a key.
 */
public final class UnixAuthorizedKeysFiles implements AuthorizedKeysSource {
    private static final Logger log = LoggerFactory.getLogger(UnixAuthorizedKeysFiles.class);

    private final UnixAccountFiles accounts;
    private final boolean strictModes;

    /** The system's accounts, with strict modes. */
    public UnixAuthorizedKeysFiles() {
        this(new UnixAccountFiles(), true);
    }

    /** The accounts of {@code accounts}; {@code strictModes} checks ownership and permissions. */
    public UnixAuthorizedKeysFiles(UnixAccountFiles accounts, boolean strictModes) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.strictModes = strictModes;
    }

    @Override
    public List<Path> authorizedKeysFiles(String username) throws IOException {
        if (username.isEmpty() || username.indexOf(':') >= 0 || username.indexOf('\n') >= 0) {
            return List.of();
        }
        Optional<PasswdEntry> account = accounts.passwdEntry(username);
        if (account.isEmpty()) {
            return List.of();
        }
        Path home = account.get().home();
        List<Path> files = new ArrayList<>();
        for (Path file : AuthorizedKeysSource.inHomeDirectories(name -> home).authorizedKeysFiles(username)) {
            if (!Files.exists(file)) {
                continue;
            }
            if (strictModes && !safe(file, home, username)) {
                continue;
            }
            files.add(file);
        }
        return files;
    }

    private static boolean safe(Path file, Path home, String username) throws IOException {
        for (Path path = file; path != null; path = path.getParent()) {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, PosixFileAttributes.class);
            } catch (UnsupportedOperationException e) {
                return true; // no POSIX permissions on this file system: nothing to check
            }
            String owner = attributes.owner().getName();
            boolean writableByOthers = attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                    || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
            if ((!owner.equals(username) && !owner.equals("root")) || writableByOthers) {
                log.warn("ignoring {} of user {}: {} is writable by others or owned by {}",
                        file, LogSafe.text(username), path, LogSafe.text(owner));
                return false;
            }
            if (path.equals(home)) {
                break;
            }
        }
        return true;
    }
}
