package dev.torsion.http.log;

import dev.torsion.http.server.Request;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends combined-format lines to a file, one flushed line per request. A line that comes after
 * {@link #close()} (a download cut as the server shuts down, whose connection ends after the log
 * was closed) is still appended, by opening the file for that line alone.
 */
public final class FileAccessLog implements AccessLog, Closeable {
    private static final Logger log = LoggerFactory.getLogger(FileAccessLog.class);
    private final Path file;
    private final BufferedWriter writer;
    private boolean closed;

    /** Opens (creating if needed) {@code file} for appending. */
    public FileAccessLog(Path file) throws IOException {
        this.file = file;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public synchronized void log(Request request) {
        String line = CombinedLogFormat.format(request) + "\n";
        try {
            if (closed) {
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return;
            }
            writer.write(line);
            writer.flush();
        } catch (IOException e) {
            log.warn("cannot write the access log {}: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        writer.close();
    }
}
