package dev.torsion.mail.maildir;

import dev.torsion.mail.store.FolderSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process last found in one Maildir folder, shared by every session on it, and whether
 * that is still the folder: a sync that finds {@code new/} empty and {@code cur/} and the UID list
 * unchanged since answers from here without the folder lock, a listing of {@code cur/} or a read
 * of the UID list (each session syncs after every command; with several sessions on one mailbox
 * those full syncs queued on the lock). Dovecot's maildir code checks the same directory times.
 *
 * <p>A directory's modification time has a coarse clock (a kernel tick; a second on some file
 * systems), so a change made in the same tick as the listing can leave it as it was. A view is
 * therefore only trusted when the times it recorded were older than {@link #SETTLED} when it was
 * taken (Dovecot's "dirty" rule): any later change must then move them. Every change this process
 * makes also drops the view.
 */
final class FolderView {
    /** How much older than the listing the recorded times must be for a change in their tick to be ruled out. */
    static final Duration SETTLED = Duration.ofSeconds(1);
    /** Folders remembered at most: a process serving many users keeps the views of the busiest ones. */
    static final int MAX_FOLDERS = 1024;
    /**
     * Least recently opened first. A session keeps the record it started with, so a record dropped
     * here may live on beside a new one for the same folder: harmless, as a view is only ever
     * trusted after the folder's own times are checked.
     */
    private static final Map<Path, Shared> FOLDERS = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Shared> eldest) {
            return size() > MAX_FOLDERS;
        }
    });

    /** The directory and UID list times a view was taken at. */
    record Stamp(FileTime cur, Object uidListKey, FileTime uidList, long uidListSize) {
    }

    /**
     * One recorded sync: its snapshot (with no message \Recent: a later session that reuses it
     * moved nothing out of {@code new/}), UID to file name, and the stamp it was taken under.
     */
    record View(Stamp stamp, FolderSnapshot snapshot, Map<Long, String> files) {
    }

    /** Per folder: the view (or null) and the size and arrival time of each base name, which never change. */
    static final class Shared {
        private volatile View view;
        final Map<String, MaildirFolder.FileFacts> facts = new ConcurrentHashMap<>();
    }

    private FolderView() {
    }

    /** The process's record of the folder at {@code root}. */
    static Shared of(Path root) {
        return FOLDERS.computeIfAbsent(root, r -> new Shared());
    }

    /** The folder's times now, or null when the UID list is missing. */
    static Stamp stamp(Path root) throws IOException {
        try {
            BasicFileAttributes cur = Files.readAttributes(root.resolve("cur"), BasicFileAttributes.class);
            BasicFileAttributes list = Files.readAttributes(root.resolve(UidList.FILE_NAME), BasicFileAttributes.class);
            return new Stamp(cur.lastModifiedTime(), list.fileKey(), list.lastModifiedTime(), list.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The recorded view if the folder is provably as it was then: same times, nothing in {@code new/}. */
    static View current(Path root, Shared shared) throws IOException {
        View view = shared.view;
        if (view == null) {
            return null;
        }
        Stamp now = stamp(root);
        if (!view.stamp().equals(now) || !newIsEmpty(root)) {
            return null;
        }
        return view;
    }

    /**
     * Records a view taken under the folder lock at {@code listedAt}, if its times were settled by
     * then; otherwise forgets any view (the next sync lists the folder again).
     */
    static void record(Shared shared, Stamp stamp, Instant listedAt, FolderSnapshot snapshot, Map<Long, String> files) {
        Instant settledBefore = listedAt.minus(SETTLED);
        boolean settled = stamp != null && stamp.cur().toInstant().isBefore(settledBefore) && stamp.uidList().toInstant().isBefore(settledBefore);
        shared.view = settled ? new View(stamp, snapshot, Map.copyOf(files)) : null;
    }

    /** Forgets the view: this process changed the folder. */
    static void invalidate(Shared shared) {
        shared.view = null;
    }

    private static boolean newIsEmpty(Path root) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve("new"))) {
            for (Path file : entries) {
                if (!file.getFileName().toString().startsWith(".")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** For tests: whether a view is recorded. */
    static boolean recorded(Path root) {
        return Objects.requireNonNull(FOLDERS.get(root)).view != null;
    }
}
