package dev.torsion.plugin.web;

import dev.torsion.app.StartupFailure;
import dev.torsion.http.staticfiles.FileErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What {@code torsion web} checks before it listens, so that a path it cannot read is one line at
 * start ({@code --path /srv/www: Permission denied}) rather than an error on every request.
 */
final class StartChecks {
    private StartChecks() {
    }

    /** Opens {@code path} (a directory: lists it; a file: opens it) and throws {@link StartupFailure} naming {@code option} if it cannot. */
    static void readable(String option, Path path) {
        try {
            if (Files.isDirectory(path)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                    entries.iterator().hasNext();
                }
            } else {
                try (FileChannel file = FileChannel.open(path, StandardOpenOption.READ)) {
                    file.size();
                }
            }
        } catch (IOException e) {
            throw new StartupFailure(option + " " + path, FileErrors.reason(e), e);
        }
    }
}
