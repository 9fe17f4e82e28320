package dev.torsion.http.staticfiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * File-system failures as people read them ({@code No such file}, {@code Permission denied}),
 * and logged once: a directory that cannot be read fails on every request, and one warning says
 * so; the repeats go to DEBUG (with the stack trace) so the log is not flooded by a client.
 */
public final class FileErrors {
    /** How many distinct failures are remembered before the memory is cleared (it bounds the set). */
    private static final int REMEMBERED = 1024;
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private FileErrors() {
    }

    /** The reason of {@code error} in the words of {@code strerror}: {@code No such file}, {@code Permission denied}, ... */
    public static String reason(IOException error) {
        if (error instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (error instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (error instanceof NotDirectoryException) {
            return "Not a directory";
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    /**
     * Logs "{@code what} {@code path}: reason" at WARN the first time this failure happens to this
     * path, and at DEBUG (with the stack trace) afterwards.
     */
    static void warnOnce(Logger log, String what, Path path, IOException error) {
        String key = what + '\0' + path + '\0' + error.getClass().getName();
        if (REPORTED.size() >= REMEMBERED) {
            REPORTED.clear();
        }
        if (REPORTED.add(key)) {
            log.warn("{} {}: {} (repeats of this failure are logged at DEBUG)", what, path, reason(error));
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} again: {}", what, path, reason(error), error);
        }
    }
}
