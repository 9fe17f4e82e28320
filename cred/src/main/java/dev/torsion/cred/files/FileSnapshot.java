package dev.torsion.cred.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What a file looked like when it was read (modification time, size, identity), to notice that
 * it changed and must be read again, whether edited in place or replaced by a rename.
 */
public final class FileSnapshot {
    private final long modifiedNanos;
    private final long size;
    private final Object fileKey;

    private FileSnapshot(long modifiedNanos, long size, Object fileKey) {
        this.modifiedNanos = modifiedNanos;
        this.size = size;
        this.fileKey = fileKey;
    }

    /** The current snapshot of {@code file}. */
    public static FileSnapshot of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileSnapshot(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                attributes.size(), attributes.fileKey());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof FileSnapshot)) {
            return false;
        }
        FileSnapshot that = (FileSnapshot) other;
        return modifiedNanos == that.modifiedNanos && size == that.size && Objects.equals(fileKey, that.fileKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modifiedNanos, size, fileKey);
    }
}
