package dev.torsion.http.staticfiles;

import dev.torsion.http.HttpDate;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a response says about a file before its body: size, modification time, content type, and
 * the {@code Last-Modified} and {@code ETag} values (one ETag for the identity body, one for the
 * gzipped one, since they are different representations).
 *
 * @param size the file's length in bytes
 * @param modifiedMillis the modification time
 * @param contentType the type by extension
 * @param lastModified the {@code Last-Modified} value
 * @param etag the strong ETag of the file as it is
 * @param gzipEtag the strong ETag of its gzip encoding
 */
record FileFacts(long size, long modifiedMillis, String contentType, String lastModified, String etag, String gzipEtag) {
    /** The facts of {@code file}, whose attributes were just read. */
    static FileFacts of(Path file, BasicFileAttributes attributes, MimeTypes types) {
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        String tag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified);
        return new FileFacts(size, modified, types.typeOf(file.getFileName().toString()), HttpDate.format(modified),
                tag + "\"", tag + "-gz\"");
    }
}
