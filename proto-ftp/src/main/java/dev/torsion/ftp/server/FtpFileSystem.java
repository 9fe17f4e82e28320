package dev.torsion.ftp.server;

import dev.torsion.defer.Deferred;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.util.List;

/**
 * A user's files, as the FTP server acts on them: the avatar a cred realm gives for an FTP login.
 * Every call answers with a Deferred that fires on the reactor thread; failures are the
 * {@code java.nio.file} exceptions ({@code NoSuchFileException}, {@code AccessDeniedException},
 * {@code FileAlreadyExistsException}, {@code DirectoryNotEmptyException},
 * {@code NotDirectoryException}), which the server turns into 550 replies, or another
 * {@code IOException} (451). Channels are read and written by the server off the reactor thread.
 * {@link LocalFileSystem} is the implementation over a directory on disk.
 */
public interface FtpFileSystem {
    /** How {@link #openWrite} opens a file. */
    enum WriteMode {
        /** STOR: create or truncate (at the REST offset: keep what is before it, RFC 3659 §5). */
        REPLACE,
        /** APPE: create or append (RFC 959 §4.1.3). */
        APPEND
    }

    /** A file STOU created under a name of the server's choice. */
    record UniqueFile(FtpPath path, SeekableByteChannel channel) {
    }

    /** Whether this user may change anything (false for anonymous users). */
    boolean writable();

    /** What {@code path} is. */
    Deferred<FileEntry> stat(FtpPath path);

    /** The entries of the directory {@code path}, without {@code .} and {@code ..}. */
    Deferred<List<FileEntry>> list(FtpPath path);

    /** Opens a regular file to read, positioned at {@code offset}. */
    Deferred<SeekableByteChannel> openRead(FtpPath path, long offset);

    /** Opens a regular file to write, positioned at {@code offset} (REPLACE) or at its end (APPEND). */
    Deferred<SeekableByteChannel> openWrite(FtpPath path, WriteMode mode, long offset);

    /** Creates a new file with a unique name in {@code directory} (STOU, RFC 959 §4.1.3). */
    Deferred<UniqueFile> openUnique(FtpPath directory);

    /** Creates the directory {@code path}. */
    Deferred<Void> makeDirectory(FtpPath path);

    /** Removes the empty directory {@code path}. */
    Deferred<Void> removeDirectory(FtpPath path);

    /** Deletes the file {@code path}. */
    Deferred<Void> delete(FtpPath path);

    /** Renames {@code from} to {@code to}. */
    Deferred<Void> rename(FtpPath from, FtpPath to);

    /** Sets the modification time of {@code path} (MFMT); the default refuses. */
    default Deferred<Void> setModified(FtpPath path, Instant modified) {
        return Deferred.fail(new AccessDeniedException(path.toString(), null, "modification times are not settable"));
    }
}
