package dev.torsion.protocols;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.PullProducer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Sends a file (or any stream) to a consumer one chunk at a time, each time the consumer asks:
 * Twisted's {@code FileSender}. Being a {@link PullProducer}, it never reads more than the consumer
 * has room for, so sending a large file does not fill memory.
 *
 * <pre>{@code
 * new FileSender().beginFileTransfer(Files.newInputStream(path), transport)
 *     .addCallback(bytes -> { transport.loseConnection(); return null; });
 * }</pre>
 *
 * <p>The stream is not closed: whoever opened it closes it when the Deferred has fired. One sender
 * sends one stream.
 */
public final class FileSender implements PullProducer {
    /** The size of each chunk read and written, as Twisted's. */
    public static final int CHUNK_SIZE = 16384;

    private ReadableByteChannel source;
    private Consumer consumer;
    private UnaryOperator<byte[]> transform;
    private Deferred<Long> deferred;
    private long sent;
    private int lastByte = -1;

    /**
     * Starts sending {@code in} to {@code consumer} (registering as its pull producer). The Deferred
     * fires with the number of bytes sent once the stream is exhausted, or fails with the
     * {@link IOException} that stopped reading, or with {@link ProducerStopped} when the consumer
     * stopped the transfer.
     */
    public Deferred<Long> beginFileTransfer(InputStream in, Consumer consumer) {
        return beginFileTransfer(Channels.newChannel(in), consumer, null);
    }

    /** As {@link #beginFileTransfer(InputStream, Consumer)}, reading from a channel (a {@code FileChannel}, say). */
    public Deferred<Long> beginFileTransfer(ReadableByteChannel channel, Consumer consumer) {
        return beginFileTransfer(channel, consumer, null);
    }

    /**
     * As {@link #beginFileTransfer(ReadableByteChannel, Consumer)}, passing each chunk through
     * {@code transform} (e.g. dot-stuffing for SMTP) before it is written; null for none. The count
     * the Deferred fires with is of bytes written, after the transform.
     */
    public Deferred<Long> beginFileTransfer(ReadableByteChannel channel, Consumer consumer,
            UnaryOperator<byte[]> transform) {
        if (deferred != null || source != null) {
            throw new IllegalStateException("this FileSender has already been used");
        }
        this.source = Objects.requireNonNull(channel, "channel");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.transform = transform;
        this.deferred = new Deferred<>();
        Deferred<Long> result = deferred;
        consumer.registerProducer(this, false);
        return result;
    }

    /** Reads and writes the next chunk; at the end, unregisters and fires the Deferred. */
    @Override
    public void resumeProducing() {
        if (source == null) {
            return;
        }
        byte[] chunk;
        try {
            chunk = readChunk();
        } catch (IOException e) {
            finish(e);
            return;
        }
        if (chunk == null) {
            finish(null);
            return;
        }
        if (transform != null) {
            chunk = transform.apply(chunk);
        }
        if (chunk.length > 0) {
            sent += chunk.length;
            lastByte = chunk[chunk.length - 1] & 0xff;
            consumer.write(chunk);
        }
    }

    private byte[] readChunk() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_SIZE);
        int read;
        do {
            read = source.read(buffer);
        } while (read == 0);
        if (read < 0) {
            return null;
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private void finish(IOException error) {
        source = null;
        consumer.unregisterProducer();
        Deferred<Long> done = deferred;
        deferred = null;
        if (error != null) {
            done.errback(error);
        } else {
            done.callback(sent);
        }
    }

    /** Stops the transfer: the Deferred fails with {@link ProducerStopped}. */
    @Override
    public void stopProducing() {
        source = null;
        if (deferred != null) {
            Deferred<Long> done = deferred;
            deferred = null;
            done.errback(new ProducerStopped("the consumer asked the file sender to stop after " + sent + " bytes"));
        }
    }

    /** The bytes written so far. */
    public long bytesSent() {
        return sent;
    }

    /** The last byte written (0-255), or -1 when nothing was; SMTP uses it to end a message properly. */
    public int lastByteSent() {
        return lastByte;
    }
}
