package dev.torsion.http.staticfiles;

import dev.torsion.http.server.Request;
import dev.torsion.internet.PushProducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a response body made of literal pieces and file regions into a {@link Request}, one
 * buffer at a time, as a push producer: it writes until the transport pauses it and goes on when
 * resumed, so a file is never held in memory whole. Optionally compresses on the way (gzip).
 */
final class FileStreamer implements PushProducer {
    /** The size of each read from the file. */
    static final int CHUNK_SIZE = 64 * 1024;
    /** Written in one turn at most when the transport does not pause us, before yielding to the reactor. */
    private static final int MAX_CHUNKS_PER_TURN = 16;

    private static final Logger log = LoggerFactory.getLogger(FileStreamer.class);

    /** One piece of the body: literal bytes, or {@code length} bytes of the file from {@code offset}. */
    record Piece(byte[] bytes, long offset, long length) {
        static Piece literal(byte[] bytes) {
            return new Piece(bytes, 0, bytes.length);
        }

        static Piece region(long offset, long length) {
            return new Piece(null, offset, length);
        }
    }

    private final Request request;
    private final Path file;
    private final List<Piece> pieces;
    private final boolean gzip;
    private FileChannel channel;
    private ByteArrayOutputStream compressed;
    private GZIPOutputStream compressor;
    private int index;
    private long done;
    private boolean paused;
    private boolean producing;
    private boolean finished;

    FileStreamer(Request request, Path file, List<Piece> pieces, boolean gzip) {
        this.request = request;
        this.file = file;
        this.pieces = pieces;
        this.gzip = gzip;
    }

    /** Opens the file and starts writing. */
    void start() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.READ);
        if (gzip) {
            compressed = new ByteArrayOutputStream(CHUNK_SIZE);
            compressor = new GZIPOutputStream(compressed, 8192);
        }
        request.notifyFinish().addErrback(failure -> {
            stopProducing();
            return null;
        });
        request.registerProducer(this, true);
        resumeProducing();
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        if (producing) {
            return;
        }
        producing = true;
        try {
            int chunks = 0;
            while (!paused && !finished) {
                if (++chunks > MAX_CHUNKS_PER_TURN) {
                    // The transport has not pushed back yet: let other connections run, then go on.
                    request.clock().callLater(Duration.ZERO, () -> {
                        if (!paused) {
                            resumeProducing();
                        }
                    });
                    break;
                }
                step();
            }
        } catch (IOException e) {
            log.warn("cannot read {}: {}", file, e.toString());
            finished = true;
            close();
            request.abortConnection();
        } finally {
            producing = false;
        }
    }

    @Override
    public void stopProducing() {
        finished = true;
        close();
    }

    private void step() throws IOException {
        if (index == pieces.size()) {
            finished = true;
            if (compressor != null) {
                compressor.finish();
                emitCompressed();
            }
            close();
            request.unregisterProducer();
            request.finish();
            return;
        }
        Piece piece = pieces.get(index);
        if (piece.bytes() != null) {
            emit(piece.bytes());
            index++;
            return;
        }
        int wanted = (int) Math.min(CHUNK_SIZE, piece.length() - done);
        ByteBuffer buffer = ByteBuffer.allocate(wanted);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, piece.offset() + done + buffer.position());
            if (read < 0) {
                throw new IOException("file shrank while being sent");
            }
        }
        done += wanted;
        if (done == piece.length()) {
            index++;
            done = 0;
        }
        emit(buffer.array());
    }

    private void emit(byte[] data) throws IOException {
        if (compressor == null) {
            request.write(data);
            return;
        }
        compressor.write(data);
        emitCompressed();
    }

    private void emitCompressed() {
        if (compressed.size() > 0) {
            byte[] out = compressed.toByteArray();
            compressed.reset();
            request.write(out);
        }
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("closing {}", file, e);
        }
    }
}
