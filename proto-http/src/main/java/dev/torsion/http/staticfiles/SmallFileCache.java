package dev.torsion.http.staticfiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * Small files held in memory, so that serving one touches no disk (nginx's
 * {@code open_file_cache} idea; twisted.web reads the file on every request).
 *
 * <p>An entry is keyed by the path the URL leads to. It holds the file's bytes, its gzip encoding
 * when the type is compressible, and the head fields made once ({@link FileFacts}). It is trusted
 * for {@link #revalidateEvery()} after it was last checked; then the next request checks it again
 * against the disk: the path's real location (every link resolved) must still lie inside the root,
 * be a regular file of at most {@link #maxFileBytes()}, and have the same real location, size and
 * modification time, or the file is read again (or dropped from the cache, for the slow path to
 * answer). So a changed file, a file replaced by a link to outside the root, or a link moved to
 * another file is served as it is now within one interval.
 *
 * <p>Memory is bounded by {@link #maxTotalBytes()}: an entry that does not fit evicts others
 * (in no particular order) until it does. Safe for several reactor threads.
 */
public final class SmallFileCache {
    /** Files up to this size are cached by default: 64 KiB. */
    public static final int DEFAULT_MAX_FILE_BYTES = 64 * 1024;
    /** The default bound on the bytes held: 64 MiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 64L << 20;
    /** How long an entry is trusted by default before it is checked against the disk again: one second. */
    public static final Duration DEFAULT_REVALIDATE_EVERY = Duration.ofSeconds(1);

    private final int maxFileBytes;
    private final long maxTotalBytes;
    private final long revalidateNanos;
    private final LongSupplier nanoClock;
    private final Map<Path, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong totalBytes = new AtomicLong();

    /** An entry and when it was last checked against the disk. */
    private record Slot(CachedFile file, long checkedAtNanos) {
    }

    /**
     * A cache of files up to {@code maxFileBytes}, holding at most {@code maxTotalBytes}, each
     * trusted for {@code revalidateEvery} by {@code nanoClock} (tests give a manual one).
     */
    public SmallFileCache(int maxFileBytes, long maxTotalBytes, Duration revalidateEvery, LongSupplier nanoClock) {
        if (maxFileBytes < 0 || maxTotalBytes < 0 || revalidateEvery.isNegative()) {
            throw new IllegalArgumentException("negative cache limit");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxTotalBytes = maxTotalBytes;
        this.revalidateNanos = revalidateEvery.toNanos();
        this.nanoClock = nanoClock;
    }

    /** The defaults: files up to 64 KiB, 64 MiB in all, checked again after a second. */
    public static SmallFileCache defaults() {
        return new SmallFileCache(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_REVALIDATE_EVERY, System::nanoTime);
    }

    /** A cache that holds nothing: every request reads the disk. */
    public static SmallFileCache disabled() {
        return new SmallFileCache(0, 0, Duration.ZERO, System::nanoTime);
    }

    /** The largest file cached. */
    public int maxFileBytes() {
        return maxFileBytes;
    }

    /** The bound on the bytes held. */
    public long maxTotalBytes() {
        return maxTotalBytes;
    }

    /** How long an entry is trusted without looking at the disk. */
    public Duration revalidateEvery() {
        return Duration.ofNanos(revalidateNanos);
    }

    /** The bytes held now. */
    public long totalBytes() {
        return totalBytes.get();
    }

    /** The entries held now. */
    public int size() {
        return slots.size();
    }

    /** Whether {@code path} has an entry checked within the last interval (then the path needs no checking). */
    boolean isFresh(Path path) {
        Slot slot = slots.get(path);
        return slot != null && nanoClock.getAsLong() - slot.checkedAtNanos() < revalidateNanos;
    }

    /**
     * The cached file at {@code path}, checked against the disk when its interval is over, and read
     * when it is not cached yet; null when the path is not a small regular file whose real location
     * lies inside {@code realRoot} (the caller then takes the ordinary path, which gives the right
     * answer: a directory, a large file, a 404).
     */
    CachedFile lookup(Path path, Path realRoot, MimeTypes types, boolean gzip) {
        if (maxFileBytes == 0) {
            return null;
        }
        long now = nanoClock.getAsLong();
        Slot slot = slots.get(path);
        if (slot != null && now - slot.checkedAtNanos() < revalidateNanos) {
            return slot.file();
        }
        try {
            return check(path, slot, realRoot, types, gzip, now);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            forget(path);
            return null;
        }
    }

    private CachedFile check(Path path, Slot slot, Path realRoot, MimeTypes types, boolean gzip, long now) throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
        if (!real.startsWith(realRoot) || !attributes.isRegularFile() || attributes.size() > maxFileBytes) {
            forget(path);
            return null;
        }
        if (slot != null && unchanged(slot.file(), real, attributes)) {
            slots.replace(path, slot, new Slot(slot.file(), now));
            return slot.file();
        }
        CachedFile file = read(path, real, attributes, types, gzip);
        if (file == null) {
            forget(path);
            return null;
        }
        store(path, new Slot(file, now));
        return file;
    }

    private static boolean unchanged(CachedFile file, Path real, BasicFileAttributes attributes) {
        return file.realPath().equals(real) && file.facts().size() == attributes.size()
                && file.facts().modifiedMillis() == attributes.lastModifiedTime().toMillis();
    }

    /** Reads the file whole; null when it changed size while being read (the next request tries again). */
    private static CachedFile read(Path path, Path real, BasicFileAttributes attributes, MimeTypes types, boolean gzip)
            throws IOException {
        byte[] body = Files.readAllBytes(real);
        if (body.length != attributes.size()) {
            return null;
        }
        FileFacts facts = FileFacts.of(path, attributes, types);
        boolean compress = gzip && body.length > 0 && MimeTypes.isCompressible(facts.contentType());
        return new CachedFile(real, facts, body, compress ? gzip(body) : null);
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 2 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        }
        return compressed.toByteArray();
    }

    private void store(Path path, Slot slot) {
        long weight = slot.file().weight();
        if (weight > maxTotalBytes) {
            forget(path);
            return;
        }
        Slot previous = slots.put(path, slot);
        totalBytes.addAndGet(weight - (previous == null ? 0 : previous.file().weight()));
        evictUntilWithinBound(path);
    }

    /** Drops entries other than {@code keep} until the bytes held are within the bound. */
    private void evictUntilWithinBound(Path keep) {
        Iterator<Map.Entry<Path, Slot>> entries = slots.entrySet().iterator();
        while (totalBytes.get() > maxTotalBytes && entries.hasNext()) {
            Map.Entry<Path, Slot> entry = entries.next();
            if (!entry.getKey().equals(keep) && slots.remove(entry.getKey(), entry.getValue())) {
                totalBytes.addAndGet(-entry.getValue().file().weight());
            }
        }
    }

    private void forget(Path path) {
        Slot removed = slots.remove(path);
        if (removed != null) {
            totalBytes.addAndGet(-removed.file().weight());
        }
    }
}
