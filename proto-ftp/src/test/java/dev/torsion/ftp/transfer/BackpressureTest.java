package dev.torsion.ftp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.PushProducer;
import dev.torsion.netty.testing.LiveReactor;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The transfer classes stop reading a file while the connection is paused, and pause the connection while the disk lags. */
class BackpressureTest {
    /** A channel of {@code size} zero bytes, counting reads, whose writes wait for {@code gate}. */
    private static final class FakeFile implements SeekableByteChannel {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch gate;
        long remaining;
        long written;

        FakeFile(long size, CountDownLatch gate) {
            this.remaining = size;
            this.gate = gate;
        }

        @Override
        public int read(ByteBuffer dst) {
            reads.incrementAndGet();
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), remaining);
            dst.position(dst.position() + n);
            remaining -= n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            int n = src.remaining();
            src.position(src.limit());
            written += n;
            return n;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            return this;
        }

        @Override
        public long size() {
            return remaining;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            return this;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aPausedConnectionStopsTheFileReads() {
        FakeFile file = new FakeFile(10L * ChannelReader.CHUNK_SIZE, new CountDownLatch(0));
        StringTransport out = new StringTransport() {
            @Override
            public void write(byte[] data) {
                super.write(data);
                // The transport's buffer is "full" after every chunk.
                ((PushProducer) producer()).pauseProducing();
            }
        };
        AtomicReference<IOException> done = new AtomicReference<>(new IOException("not yet"));
        ChannelReader reader = new ChannelReader(new MemoryReactor(), file, out, false, done::set);
        reader.start();
        assertEquals(1, file.reads.get(), "one chunk, then paused");
        assertEquals(ChannelReader.CHUNK_SIZE, out.value().length);
        reader.resumeProducing();
        assertEquals(2, file.reads.get());
        for (int i = 0; i < 20; i++) {
            reader.resumeProducing();
        }
        assertNull(done.get(), "finished without error");
        assertEquals(10L * ChannelReader.CHUNK_SIZE, reader.sent());
        assertNull(out.producer(), "unregistered at the end");
    }

    @Test
    void aSlowDiskPausesTheConnection() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        FakeFile file = new FakeFile(0, gate);
        StringTransport source = new StringTransport();
        try (LiveReactor live = new LiveReactor()) {
            ChannelWriter writer = live.call(() -> new ChannelWriter(live.reactor, file, source, false));
            live.call(() -> {
                for (int i = 0; i < 40; i++) {
                    writer.received(new byte[64 * 1024]);
                }
                return null;
            });
            assertEquals(StringTransport.ProducerState.PAUSED, live.call(source::producerState), "paused above the high-water mark");
            gate.countDown();
            CountDownLatch finished = new CountDownLatch(1);
            AtomicReference<IOException> error = new AtomicReference<>();
            live.call(() -> {
                writer.end(e -> {
                    error.set(e);
                    finished.countDown();
                });
                return null;
            });
            assertTrue(finished.await(30, TimeUnit.SECONDS));
            assertNull(error.get());
            assertEquals(40L * 64 * 1024, file.written);
            assertEquals(StringTransport.ProducerState.PRODUCING, live.call(source::producerState), "resumed once drained");
            assertFalse(source.isDisconnecting());
        }
    }
}
