package dev.torsion.ftp.transfer;

import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Streams a file into a data connection as a push producer: each chunk is read on the reactor's
 * thread pool, written when it comes back, and the next read starts only while the transport has
 * not paused us, so a slow client never makes the file pile up in memory.
 */
public final class ChannelReader implements PushProducer {
    public static final int CHUNK_SIZE = 64 * 1024;

    private final Reactor reactor;
    private final SeekableByteChannel channel;
    private final Transport out;
    private final AsciiConversion ascii;
    private final Consumer<IOException> done;
    private boolean paused;
    private boolean reading;
    private boolean finished;
    private boolean looping;
    private long sent;

    /** Sends {@code channel} from its position to {@code out}; {@code done} hears null at the end, or the read error. */
    public ChannelReader(Reactor reactor, SeekableByteChannel channel, Transport out, boolean ascii, Consumer<IOException> done) {
        this.reactor = reactor;
        this.channel = channel;
        this.out = out;
        this.ascii = ascii ? new AsciiConversion() : null;
        this.done = done;
    }

    public void start() {
        out.registerProducer(this, true);
        readMore();
    }

    public long sent() {
        return sent;
    }

    /** Reads while nothing is in flight and we are not paused (a loop: a synchronous read returns at once). */
    private void readMore() {
        if (looping) {
            return;
        }
        looping = true;
        try {
            readLoop();
        } finally {
            looping = false;
        }
    }

    private void readLoop() {
        while (!paused && !reading && !finished) {
            reading = true;
            reactor.deferToThread(this::readChunk).addBoth((chunk, failure) -> {
                reading = false;
                if (finished) {
                    return null;
                }
                if (failure != null) {
                    finish(failure.value() instanceof IOException e ? e : new IOException(failure.getErrorMessage()));
                } else if (chunk == null) {
                    finish(null);
                } else {
                    sent += chunk.length;
                    out.write(ascii == null ? chunk : ascii.toWire(chunk));
                    readMore();
                }
                return null;
            });
        }
    }

    private byte[] readChunk() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_SIZE);
        int n = channel.read(buffer);
        if (n < 0) {
            return null;
        }
        return Arrays.copyOf(buffer.array(), n);
    }

    private void finish(IOException error) {
        finished = true;
        out.unregisterProducer();
        done.accept(error);
    }

    @Override
    public void pauseProducing() {
        paused = true;
    }

    @Override
    public void resumeProducing() {
        paused = false;
        readMore();
    }

    @Override
    public void stopProducing() {
        finished = true;
    }
}
