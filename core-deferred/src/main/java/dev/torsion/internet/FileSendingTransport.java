package dev.torsion.internet;

import dev.torsion.defer.Deferred;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A transport that sends a file's bytes without copying them through the Java heap (the
 * {@code sendfile} system call where the connection is clear text; chunked reads under TLS), for
 * static file servers. Data written before the file goes out before it; data written after goes
 * out after it.
 */
public interface FileSendingTransport extends Transport {
    /**
     * Sends {@code length} bytes of {@code file} from {@code offset}. The Deferred fires on the
     * reactor thread with the number of bytes sent, or fails when the connection is lost first.
     * The transport takes {@code file} over and closes it once the bytes are sent or the send failed.
     */
    Deferred<Long> sendFile(FileChannel file, long offset, long length);

    /** Opens {@code path} and sends all of it (the file is closed when done). */
    Deferred<Long> sendFile(Path path) throws IOException;
}
