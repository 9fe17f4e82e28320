package dev.torsion.ftp.server;

import dev.torsion.ftp.parse.FtpReply;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reply a file system failure earns (RFC 959 §4.2): 550 when the file is unavailable for a
 * reason the user can know (missing, forbidden, exists, not empty, not a directory), else 451, a
 * local error whose details stay in the server's log.
 */
final class FileErrorReplies {
    private FileErrorReplies() {
    }

    /** The reply for {@code error}. */
    static FtpReply of(Throwable error) {
        if (error instanceof NoSuchFileException) {
            return FtpReply.of(550, "No such file or directory.");
        } else if (error instanceof AccessDeniedException) {
            return FtpReply.of(550, "Permission denied.");
        } else if (error instanceof FileAlreadyExistsException) {
            return FtpReply.of(550, "File exists.");
        } else if (error instanceof DirectoryNotEmptyException) {
            return FtpReply.of(550, "Directory not empty.");
        } else if (error instanceof NotDirectoryException) {
            return FtpReply.of(550, "Not a directory.");
        }
        return FtpReply.of(451, "Local error in processing.");
    }
}
