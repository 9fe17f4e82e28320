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

/** Appends combined-format lines to a file, one flushed line per request. */
public final class FileAccessLog implements AccessLog, Closeable {
    private static final Logger log = LoggerFactory.getLogger(FileAccessLog.class);
    private final BufferedWriter writer;

    /** Opens (creating if needed) {@code file} for appending. */
    public FileAccessLog(Path file) throws IOException {
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    @Override
    public void log(Request request) {
        try {
            writer.write(CombinedLogFormat.format(request));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            log.warn("cannot write the access log", e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
