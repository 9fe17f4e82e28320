package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CancellationException;

/**
 * A request body read from a file, as Twisted's {@code FileBodyProducer}: one buffer at a time,
 * only while the connection is not paused, so a large upload never sits in memory. Its length is
 * the file's size when it starts; the file is opened anew each time, so a redirect or retry may
 * send it again.
 */
public final class FileBodyProducer implements BodyProducer {
    private static final int CHUNK_SIZE = 64 * 1024;

    private final Path file;
    private final long length;
    private FileChannel channel;
    private Consumer consumer;
    private Deferred<Void> done;
    private long position;
    private boolean paused;
    private boolean writing;

    /** A body of {@code file}'s bytes. */
    public FileBodyProducer(Path file) throws IOException {
        this.file = file;
        this.length = Files.size(file);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean isReplayable() {
        return true;
    }

    @Override
    public Deferred<Void> startProducing(Consumer target) {
        consumer = target;
        done = new Deferred<>();
        position = 0;
        paused = false;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            done.errback(e);
            return done;
        }
        resumeProducing();
        return done;
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        if (writing || done == null || done.isCalled()) {
            return;
        }
        writing = true;
        try {
            while (!paused && position < length) {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK_SIZE, length - position));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException(file + " shrank while being sent");
                    }
                }
                position += buffer.capacity();
                consumer.write(buffer.array());
            }
            if (position >= length) {
                close();
                done.callback(null);
            }
        } catch (IOException e) {
            close();
            done.errback(e);
        } finally {
            writing = false;
        }
    }

    @Override
    public void stopProducing() {
        close();
        if (done != null && !done.isCalled()) {
            done.errback(new CancellationException("the request body was stopped"));
        }
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // nothing was lost: the file was only read
        }
    }
}
