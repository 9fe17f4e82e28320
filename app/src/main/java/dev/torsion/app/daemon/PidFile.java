package dev.torsion.app.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The file that holds the running server's process id, as twistd's {@code --pidfile}: a second
 * server refuses to start while the file names a live process, a stale file (its process is gone)
 * is replaced, and a clean stop removes it.
 */
public final class PidFile {
    private final Path path;

    /** A pid file at {@code path} (made absolute now, so that a later chdir or chroot does not move it). */
    public PidFile(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
    }

    /** Where the file is. */
    public Path path() {
        return path;
    }

    /**
     * The process id in the file, or empty when there is no file. Throws
     * {@link IllegalStateException} when the file holds something other than a process id.
     */
    public OptionalLong read() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(text);
            if (pid <= 0) {
                throw new NumberFormatException("not positive");
            }
            return OptionalLong.of(pid);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("pid file " + path + " does not hold a process id: '" + abbreviate(text) + "'");
        }
    }

    /** The process id of a live process that the file names, or empty (no file, or a stale one). */
    public OptionalLong livePid() throws IOException {
        OptionalLong pid = read();
        if (pid.isPresent() && isAlive(pid.getAsLong())) {
            return pid;
        }
        return OptionalLong.empty();
    }

    /**
     * Refuses to go on when the file names a live process other than this one; a stale file is
     * left for {@link #write} to replace.
     */
    public void checkNotRunning() throws IOException {
        OptionalLong live = livePid();
        if (live.isPresent() && live.getAsLong() != ProcessHandle.current().pid()) {
            throw new AlreadyRunningException("another server is running with process id " + live.getAsLong()
                    + " (pid file " + path + ")");
        }
    }

    /** Writes {@code pid}, replacing the file at once so that a reader never sees half of it. */
    public void write(long pid) throws IOException {
        Path parent = path.getParent();
        Path temporary = Files.createTempFile(parent, "." + path.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, pid + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Removes the file if it still names {@code pid}; returns whether it did. */
    public boolean removeIfOwnedBy(long pid) throws IOException {
        OptionalLong current;
        try {
            current = read();
        } catch (IllegalStateException e) {
            return false;
        }
        if (current.isPresent() && current.getAsLong() == pid) {
            Files.deleteIfExists(path);
            return true;
        }
        return false;
    }

    /** Whether a process with that id exists (zombies count as gone). */
    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Thrown when the pid file names a live process. */
    public static final class AlreadyRunningException extends IllegalStateException {
        /** Creates the exception with its message. */
        public AlreadyRunningException(String message) {
            super(message);
        }
    }
}
