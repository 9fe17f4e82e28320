package dev.torsion.http.staticfiles;

import java.util.List;

/**
 * How a {@link File} tree serves: index file names, whether directories are listed, whether
 * compressible files are gzipped for clients that accept it, and up to what size a file is read
 * in one go (larger ones are streamed).
 *
 * @param indexNames the names tried, in order, when a directory is asked for
 * @param listDirectories whether a directory without an index gets an HTML listing (else 403)
 * @param gzip whether compressible types are sent gzip-encoded when the client accepts it
 * @param mimeTypes the content types by extension
 * @param maxReadWhole files up to this size are read whole and sent in one write; larger ones are streamed
 */
public record StaticOptions(List<String> indexNames, boolean listDirectories, boolean gzip, MimeTypes mimeTypes,
        int maxReadWhole) {
    /** index.html then index.htm, listings on, gzip on, 64 KiB read whole. */
    public static StaticOptions defaults() {
        return new StaticOptions(List.of("index.html", "index.htm"), true, true, new MimeTypes(), 64 * 1024);
    }

    /** A copy with other index names. */
    public StaticOptions withIndexNames(List<String> names) {
        return new StaticOptions(List.copyOf(names), listDirectories, gzip, mimeTypes, maxReadWhole);
    }

    /** A copy with listings on or off. */
    public StaticOptions withListDirectories(boolean list) {
        return new StaticOptions(indexNames, list, gzip, mimeTypes, maxReadWhole);
    }

    /** A copy with gzip on or off. */
    public StaticOptions withGzip(boolean on) {
        return new StaticOptions(indexNames, listDirectories, on, mimeTypes, maxReadWhole);
    }

    /** A copy with another whole-read limit (0: always stream). */
    public StaticOptions withMaxReadWhole(int bytes) {
        return new StaticOptions(indexNames, listDirectories, gzip, mimeTypes, bytes);
    }
}
