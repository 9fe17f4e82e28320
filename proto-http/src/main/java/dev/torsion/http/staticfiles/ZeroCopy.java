package dev.torsion.http.staticfiles;

import dev.torsion.defer.Deferred;
import dev.torsion.http.server.Request;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.Transport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends file regions with the transport's own {@link FileSendingTransport#sendFile} when it has one
 * (Torsion's Netty transport does: {@code sendfile(2)} in the clear), so file bytes never pass
 * through the Java heap.
 */
final class ZeroCopy {
    private static final Logger log = LoggerFactory.getLogger(ZeroCopy.class);

    private ZeroCopy() {
    }

    /** Whether {@code transport} can send files itself. */
    static boolean isAvailable(Transport transport) {
        return transport instanceof FileSendingTransport;
    }

    /**
     * Sends the pieces of a sized response: head, literal pieces through the request, file regions
     * through the transport, in order; finishes the request when the last region is out.
     */
    static void send(Request request, Path file, List<FileStreamer.Piece> pieces) throws IOException {
        FileSendingTransport transport = (FileSendingTransport) request.transport();
        request.sendHead();
        Deferred<?> last = Deferred.succeed(null);
        for (FileStreamer.Piece piece : pieces) {
            if (piece.bytes() != null) {
                transport.write(piece.bytes());
                request.countBytesSent(piece.bytes().length);
                continue;
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            last = transport.sendFile(channel, piece.offset(), piece.length());
            request.countBytesSent(piece.length());
        }
        last.addCallbacks(sent -> {
            if (!request.isFinished()) {
                request.finish();
            }
            return null;
        }, failure -> {
            log.debug("sending {} failed: {}", file, failure.getErrorMessage());
            return null;
        });
    }
}
