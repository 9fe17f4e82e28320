package dev.torsion.http.staticfiles;

import java.util.List;

/**
 * How a {@link File} tree serves: index file names, whether directories are listed (and up to
 * how many entries), whether dotfiles are served, whether compressible files are gzipped for
 * clients that accept it, and up to what size a file is read in one go (larger ones are streamed).
 *
 * @param indexNames the names tried, in order, when a directory is asked for
 * @param listDirectories whether a directory without an index gets an HTML listing (else 403)
 * @param gzip whether compressible types are sent gzip-encoded when the client accepts it
 * @param mimeTypes the content types by extension
 * @param maxReadWhole files up to this size are read whole and sent in one write; larger ones are streamed
 * @param showDotfiles whether names starting with a dot ({@code .git/}, {@code .env}) are listed and
 *                     served; when false (the default) they are left out of listings and answer 404
 * @param maxListingEntries how many entries a listing shows at most (the first in name order);
 *                          the page says how many more there are
 */
public record StaticOptions(List<String> indexNames, boolean listDirectories, boolean gzip, MimeTypes mimeTypes,
        int maxReadWhole, boolean showDotfiles, int maxListingEntries) {
    /** The default limit on the entries of one listing. */
    public static final int DEFAULT_MAX_LISTING_ENTRIES = 10_000;

    /** Checks the limits. */
    public StaticOptions {
        indexNames = List.copyOf(indexNames);
        if (maxReadWhole < 0) {
            throw new IllegalArgumentException("maxReadWhole must not be negative: " + maxReadWhole);
        }
        if (maxListingEntries < 1) {
            throw new IllegalArgumentException("maxListingEntries must be at least 1: " + maxListingEntries);
        }
    }

    /** Options with dotfiles hidden and the default listing limit. */
    public StaticOptions(List<String> indexNames, boolean listDirectories, boolean gzip, MimeTypes mimeTypes,
            int maxReadWhole) {
        this(indexNames, listDirectories, gzip, mimeTypes, maxReadWhole, false, DEFAULT_MAX_LISTING_ENTRIES);
    }

    /** index.html then index.htm, listings on (10,000 entries), gzip on, 64 KiB read whole, dotfiles hidden. */
    public static StaticOptions defaults() {
        return new StaticOptions(List.of("index.html", "index.htm"), true, true, new MimeTypes(), 64 * 1024);
    }

    /** A copy with other index names. */
    public StaticOptions withIndexNames(List<String> names) {
        return new StaticOptions(names, listDirectories, gzip, mimeTypes, maxReadWhole, showDotfiles, maxListingEntries);
    }

    /** A copy with listings on or off. */
    public StaticOptions withListDirectories(boolean list) {
        return new StaticOptions(indexNames, list, gzip, mimeTypes, maxReadWhole, showDotfiles, maxListingEntries);
    }

    /** A copy with gzip on or off. */
    public StaticOptions withGzip(boolean on) {
        return new StaticOptions(indexNames, listDirectories, on, mimeTypes, maxReadWhole, showDotfiles, maxListingEntries);
    }

    /** A copy with another whole-read limit (0: always stream). */
    public StaticOptions withMaxReadWhole(int bytes) {
        return new StaticOptions(indexNames, listDirectories, gzip, mimeTypes, bytes, showDotfiles, maxListingEntries);
    }

    /** A copy that serves and lists dotfiles, or hides them (404). */
    public StaticOptions withShowDotfiles(boolean show) {
        return new StaticOptions(indexNames, listDirectories, gzip, mimeTypes, maxReadWhole, show, maxListingEntries);
    }

    /** A copy with another limit on the entries of a listing. */
    public StaticOptions withMaxListingEntries(int entries) {
        return new StaticOptions(indexNames, listDirectories, gzip, mimeTypes, maxReadWhole, showDotfiles, entries);
    }
}
