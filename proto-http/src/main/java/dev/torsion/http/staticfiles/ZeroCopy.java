package dev.torsion.http.staticfiles;

import dev.torsion.http.server.Request;
import dev.torsion.internet.FileSendingTransport;
import dev.torsion.internet.Transport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends file regions with the transport's own {@link FileSendingTransport#sendFile} when it has one
 * (Torsion's Netty transport does: {@code sendfile(2)} in the clear), so file bytes never pass
 * through the Java heap. Regions go out in slices of {@link #SLICE} bytes, each queued when the one
 * before is written, and counted as sent only then: a download cut short (client gone, shutdown)
 * is logged with the bytes that really left, not the size of the file.
 */
final class ZeroCopy {
    private static final Logger log = LoggerFactory.getLogger(ZeroCopy.class);
    /** The bytes queued at a time: large enough to keep the socket busy, small enough to count the sent bytes closely. */
    static final long SLICE = 1024 * 1024;

    /** A literal piece or one slice of a region. */
    private record Step(byte[] bytes, long offset, long length) {
    }

    private final Request request;
    private final FileSendingTransport transport;
    private final Path file;
    private final Iterator<Step> steps;

    private ZeroCopy(Request request, Path file, List<Step> steps) {
        this.request = request;
        this.transport = (FileSendingTransport) request.transport();
        this.file = file;
        this.steps = steps.iterator();
    }

    /** Whether {@code transport} can send files itself. */
    static boolean isAvailable(Transport transport) {
        return transport instanceof FileSendingTransport;
    }

    /**
     * Sends the pieces of a sized response: head, literal pieces through the request, file regions
     * through the transport, in order; finishes the request when the last region is out. Throws
     * (before the head is sent) when the file cannot be opened.
     */
    static void send(Request request, Path file, List<FileStreamer.Piece> pieces) throws IOException {
        FileChannel.open(file, StandardOpenOption.READ).close();
        List<Step> steps = new ArrayList<>();
        for (FileStreamer.Piece piece : pieces) {
            if (piece.bytes() != null) {
                steps.add(new Step(piece.bytes(), 0, piece.bytes().length));
                continue;
            }
            for (long done = 0; done < piece.length(); done += SLICE) {
                steps.add(new Step(null, piece.offset() + done, Math.min(SLICE, piece.length() - done)));
            }
        }
        request.sendHead();
        new ZeroCopy(request, file, steps).pump();
    }

    /** Queues steps until a slice is in flight (then its completion pumps again) or all are out. */
    private void pump() {
        while (steps.hasNext()) {
            if (request.isLost()) {
                return;
            }
            Step step = steps.next();
            if (step.bytes() != null) {
                transport.write(step.bytes());
                request.countBytesSent(step.length());
                continue;
            }
            if (!sendSlice(step)) {
                return;
            }
        }
        if (!request.isFinished() && !request.isLost()) {
            request.finish();
        }
    }

    /** Queues one slice; true when it was written at once (go on), false when its completion will pump. */
    private boolean sendSlice(Step step) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            // The head and part of the body are out: only closing tells the client the body is short.
            log.warn("cannot read {} any more: {}", file, e.toString());
            request.abortConnection();
            return false;
        }
        boolean[] inPump = {true};
        boolean[] writtenAtOnce = {false};
        transport.sendFile(channel, step.offset(), step.length()).addCallbacks(sent -> {
            request.countBytesSent(sent);
            if (inPump[0]) {
                writtenAtOnce[0] = true;
            } else {
                pump();
            }
            return null;
        }, failure -> {
            log.debug("sending {} failed: {}", file, failure.getErrorMessage());
            return null;
        });
        inPump[0] = false;
        return writtenAtOnce[0];
    }
}
