package dev.torsion.ftp.transfer;

import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Reactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Writes an upload's bytes to a file, in order, on the reactor's thread pool. While more than
 * {@link #HIGH_WATER} bytes wait to be written, the data connection is paused (it stops reading
 * from the client), and it resumes below {@link #LOW_WATER}: a fast client cannot outrun the disk
 * into memory.
 */
public final class ChannelWriter {
    public static final int HIGH_WATER = 1024 * 1024;
    public static final int LOW_WATER = 256 * 1024;

    private final Reactor reactor;
    private final SeekableByteChannel channel;
    private final PushProducer source;
    private final AsciiConversion ascii;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private long pendingBytes;
    private long written;
    private boolean writing;
    private boolean looping;
    private boolean sourcePaused;
    private boolean ended;
    private IOException error;
    private Consumer<IOException> done;

    public ChannelWriter(Reactor reactor, SeekableByteChannel channel, PushProducer source, boolean ascii) {
        this.reactor = reactor;
        this.channel = channel;
        this.source = source;
        this.ascii = ascii ? new AsciiConversion() : null;
    }

    /** Bytes from the data connection. */
    public void received(byte[] data) {
        if (ended || error != null) {
            return;
        }
        queue(ascii == null ? data : ascii.fromWire(data));
        if (pendingBytes > HIGH_WATER && !sourcePaused) {
            sourcePaused = true;
            source.pauseProducing();
        }
        writeMore();
    }

    private void queue(byte[] data) {
        if (data.length > 0) {
            pending.add(data);
            pendingBytes += data.length;
        }
    }

    /** The client closed the data connection: write what is left, then {@code whenDone} hears null or the error. */
    public void end(Consumer<IOException> whenDone) {
        if (ascii != null) {
            queue(ascii.finish());
        }
        ended = true;
        done = whenDone;
        writeMore();
        maybeDone();
    }

    public long written() {
        return written;
    }

    private void writeMore() {
        if (looping) {
            return;
        }
        looping = true;
        try {
            writeLoop();
        } finally {
            looping = false;
        }
    }

    private void writeLoop() {
        while (!writing && !pending.isEmpty() && error == null) {
            byte[] chunk = pending.poll();
            writing = true;
            reactor.deferToThread(() -> {
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                return chunk.length;
            }).addBoth((n, failure) -> {
                writing = false;
                pendingBytes -= chunk.length;
                if (failure != null) {
                    error = failure.value() instanceof IOException e ? e : new IOException(failure.getErrorMessage());
                    pending.clear();
                } else {
                    written += n;
                }
                if (sourcePaused && pendingBytes < LOW_WATER) {
                    sourcePaused = false;
                    source.resumeProducing();
                }
                writeMore();
                maybeDone();
                return null;
            });
        }
    }

    private void maybeDone() {
        if (ended && !writing && (pending.isEmpty() || error != null) && done != null) {
            Consumer<IOException> callback = done;
            done = null;
            callback.accept(error);
        }
    }
}
