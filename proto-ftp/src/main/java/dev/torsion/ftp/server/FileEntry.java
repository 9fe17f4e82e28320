package dev.torsion.ftp.server;

import java.time.Instant;

/**
 * What a listing says about one file or directory.
 *
 * @param name the name within its directory
 * @param directory whether it is a directory
 * @param size its size in bytes (0 for a directory)
 * @param modified when it was last modified
 * @param writable whether the user may change it
 */
public record FileEntry(String name, boolean directory, long size, Instant modified, boolean writable) {
}
