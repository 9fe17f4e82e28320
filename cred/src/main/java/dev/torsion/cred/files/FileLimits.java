package dev.torsion.cred.files;

/**
 * Limits on the account and key files a checker reads, so that a huge or hostile file cannot
 * exhaust memory: the file's size, the length of a line, and the number of entries.
 */
public final class FileLimits {
    /** 4 MiB files, 16 KiB lines (an 16384-bit RSA key fits), 100000 entries. */
    public static final FileLimits DEFAULT = new FileLimits(4L * 1024 * 1024, 16 * 1024, 100_000);

    private final long maxFileBytes;
    private final int maxLineLength;
    private final int maxEntries;

    /** Limits with the given maxima (all positive). */
    public FileLimits(long maxFileBytes, int maxLineLength, int maxEntries) {
        if (maxFileBytes <= 0 || maxLineLength <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxLineLength = maxLineLength;
        this.maxEntries = maxEntries;
    }

    /** The largest file read, in bytes. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** The longest line accepted, in characters; longer lines are malformed. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** The most entries taken from one file; the rest are reported and ignored. */
    public int maxEntries() {
        return maxEntries;
    }
}
