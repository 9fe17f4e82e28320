package dev.torsion.http.staticfiles;

import java.nio.file.Path;

/**
 * A small file held in memory by the {@link SmallFileCache}: its facts, where it really is (links
 * resolved, to notice a link that now points elsewhere), its bytes and, for compressible types,
 * its gzip encoding made once.
 *
 * @param realPath the file's real location when it was read
 * @param facts the head fields
 * @param body the whole file
 * @param gzipped the gzip encoding of {@code body}, or null when the type is not compressed
 */
record CachedFile(Path realPath, FileFacts facts, byte[] body, byte[] gzipped) {
    /** The bytes held, for the cache's memory bound. */
    long weight() {
        return body.length + (gzipped == null ? 0 : gzipped.length);
    }
}
