package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.BufferProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.netty.tls.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The buffer path on real sockets: a {@link BufferProtocol} reads Netty's buffer through a read-only
 * view lent for the call, and {@code write(ByteBuffer)} sends the view back without a copy or copies
 * any other buffer once. The bytes on the wire, held reads while paused, views kept past the call.
 */
class BufferPathTest {
    private static final int TOTAL = 2 * 1024 * 1024;
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 131 + (i >>> 9));
        }
        return bytes;
    }

    /** Writes back each view as it came: the zero-copy echo. */
    static final class BufferEcho extends Protocol implements BufferProtocol {
        @Override
        public void bufferReceived(ByteBuffer data) {
            transport().write(data);
        }
    }

    /**
     * Drops the first byte of each read and echoes the rest (the view advanced: a slice at an
     * offset); records what it meant to send, since the reads' boundaries are the kernel's.
     */
    static final class SkippingEcho extends Protocol implements BufferProtocol {
        final ByteArrayOutputStream meant = new ByteArrayOutputStream();
        final CompletableFuture<Void> readAll = new CompletableFuture<>();
        private int seen;

        @Override
        public void bufferReceived(ByteBuffer data) {
            seen += data.remaining();
            data.get();
            byte[] rest = new byte[data.remaining()];
            data.duplicate().get(rest);
            synchronized (meant) {
                meant.writeBytes(rest);
            }
            transport().write(data);
            if (seen == TOTAL) {
                readAll.complete(null);
            }
        }

        byte[] meant() {
            synchronized (meant) {
                return meant.toByteArray();
            }
        }
    }

    /**
     * Writes each read back through a scratch buffer of its own that it overwrites right after
     * the write: the transport must have copied the bytes.
     */
    static final class ScratchEcho extends Protocol implements BufferProtocol {
        private final ByteBuffer scratch = ByteBuffer.allocateDirect(256 * 1024);

        @Override
        public void bufferReceived(ByteBuffer data) {
            scratch.clear();
            scratch.put(data).flip();
            transport().write(scratch);
            scratch.clear();
            while (scratch.hasRemaining()) {
                scratch.put((byte) 0x55);
            }
        }
    }

    /** Keeps every view past the call (a bug on purpose) and a copy made during the call. */
    static final class Keeper extends Protocol implements BufferProtocol {
        final List<ByteBuffer> kept = new ArrayList<>();
        final ByteArrayOutputStream copies = new ByteArrayOutputStream();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int writesRefused;
        int views;

        @Override
        public void bufferReceived(ByteBuffer data) {
            views++;
            kept.add(data);
            try {
                data.put(data.position(), (byte) 0);
            } catch (ReadOnlyBufferException e) {
                writesRefused++;
            }
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            copies.writeBytes(copy);
            if (copies.size() >= TOTAL) {
                done.complete(null);
            }
        }
    }

    /** Pauses on every read and resumes 20 ms later; counts reads that came while paused. */
    static final class PausingReceiver extends Protocol implements BufferProtocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final NettyReactor reactor;
        private final int expected;
        int readsWhilePaused;
        int views;
        private boolean paused;

        PausingReceiver(NettyReactor reactor, int expected) {
            this.reactor = reactor;
            this.expected = expected;
        }

        @Override
        public void bufferReceived(ByteBuffer data) {
            views++;
            if (paused) {
                readsWhilePaused++;
            }
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            received.writeBytes(copy);
            if (received.size() >= expected) {
                done.complete(null);
                return;
            }
            paused = true;
            transport().pauseProducing();
            reactor.callLater(Duration.ofMillis(20), () -> {
                paused = false;
                transport().resumeProducing();
            });
        }
    }

    /** Sends {@code data} in 300-byte writes at once, then records what comes back. */
    static final class Sender extends RecordingProtocol {
        private final byte[] data;

        Sender(byte[] data, int expected) {
            super(expected);
            this.data = data;
        }

        @Override
        public void connectionMade() {
            super.connectionMade();
            for (int at = 0; at < data.length; at += 300) {
                byte[] piece = new byte[Math.min(300, data.length - at)];
                System.arraycopy(data, at, piece, 0, piece.length);
                transport().write(piece);
            }
        }
    }

    private static int listen(RunningReactor r, ProtocolFactory factory, boolean tls) {
        ListeningPort port = tls
                ? r.reactor.listenSSL(0, factory, cert.serverOptions(), 50, "127.0.0.1")
                : r.reactor.listenTCP(0, factory, 50, "127.0.0.1");
        return ((IPv4Address) port.getHost()).port();
    }

    private static void connect(RunningReactor r, int port, Protocol client, boolean tls) {
        TestClientFactory factory = new TestClientFactory(() -> client);
        if (tls) {
            r.reactor.connectSSL("127.0.0.1", port, factory, cert.clientOptions("localhost"), Duration.ofSeconds(5),
                    null);
        } else {
            r.reactor.connectTCP("127.0.0.1", port, factory);
        }
    }

    @ParameterizedTest
    @CsvSource({"epoll,false", "nio,false", "io_uring,false", "epoll,true", "nio,true"})
    void theViewWrittenBackIsEchoedByteForByte(String kind, boolean tls) throws Exception {
        byte[] data = pattern(TOTAL);
        try (RunningReactor r = new RunningReactor(kind)) {
            int port = listen(r, a -> new BufferEcho(), tls);
            Sender client = new Sender(data, TOTAL);
            connect(r, port, client, tls);
            assertArrayEquals(data, client.gotAll.get(30, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aViewAdvancedPastItsStartIsWrittenFromWhereItIs(String kind) throws Exception {
        byte[] data = pattern(TOTAL);
        try (RunningReactor r = new RunningReactor(kind)) {
            SkippingEcho server = new SkippingEcho();
            int port = listen(r, a -> server, false);
            Sender client = new Sender(data, -1);
            connect(r, port, client, false);
            server.readAll.get(30, TimeUnit.SECONDS);
            byte[] meant = server.meant();
            assertTrue(meant.length < TOTAL, "one byte dropped per read");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.received.size() < meant.length && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertArrayEquals(meant, client.received.toByteArray());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherBufferIsCopiedAtTheWriteSoTheCallerMayReuseIt(boolean tls) throws Exception {
        byte[] data = pattern(TOTAL);
        try (RunningReactor r = new RunningReactor("epoll")) {
            int port = listen(r, a -> new ScratchEcho(), tls);
            Sender client = new Sender(data, TOTAL);
            connect(r, port, client, tls);
            assertArrayEquals(data, client.gotAll.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aViewIsReadOnlyAndAViewKeptPastTheCallReadsNothingWhileACopyStaysIntact() throws Exception {
        byte[] data = pattern(TOTAL);
        try (RunningReactor r = new RunningReactor("epoll")) {
            Keeper server = new Keeper();
            int port = listen(r, a -> server, false);
            connect(r, port, new Sender(data, -1), false);
            server.done.get(30, TimeUnit.SECONDS);
            r.call(() -> {
                assertTrue(server.views > 1, "several reads, so the pool reused memory under the kept views");
                assertEquals(server.views, server.writesRefused, "every view refused a write");
                assertTrue(server.kept.stream().noneMatch(ByteBuffer::hasRemaining), "a kept view reads nothing");
                assertArrayEquals(data, server.copies.toByteArray(), "the copies made during the calls");
                return null;
            });
        }
    }

    @ParameterizedTest
    @CsvSource({"epoll,false", "nio,false", "epoll,true"})
    void noViewWhilePausedAndHeldReadsComeInOrderOnResume(String kind, boolean tls) throws Exception {
        int total = 40 * 300;
        byte[] data = pattern(total);
        try (RunningReactor r = new RunningReactor(kind)) {
            PausingReceiver server = new PausingReceiver(r.reactor, total);
            int port = listen(r, a -> server, tls);
            connect(r, port, new Sender(data, -1), tls);
            server.done.get(20, TimeUnit.SECONDS);
            r.call(() -> {
                assertArrayEquals(data, server.received.toByteArray());
                assertEquals(0, server.readsWhilePaused, "bufferReceived after pauseProducing");
                return null;
            });
        }
    }

    /** Forwards each view to another connection of the same reactor: a proxy on the buffer path. */
    static final class Forwarder extends Protocol implements BufferProtocol {
        private final CompletableFuture<Protocol> outgoing;

        Forwarder(CompletableFuture<Protocol> outgoing) {
            this.outgoing = outgoing;
        }

        @Override
        public void bufferReceived(ByteBuffer data) {
            outgoing.join().transport().write(data);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aViewWrittenToAnotherConnectionOfTheReactorArrivesWhole(String kind) throws Exception {
        byte[] data = pattern(TOTAL);
        try (RunningReactor r = new RunningReactor(kind)) {
            RecordingProtocol sink = new RecordingProtocol(TOTAL);
            int sinkPort = listen(r, a -> sink, false);
            RecordingProtocol toSink = new RecordingProtocol();
            connect(r, sinkPort, toSink, false);
            toSink.made.get(10, TimeUnit.SECONDS);
            CompletableFuture<Protocol> outgoing = CompletableFuture.completedFuture(toSink);
            int port = listen(r, a -> new Forwarder(outgoing), false);
            connect(r, port, new Sender(data, -1), false);
            assertArrayEquals(data, sink.gotAll.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aBufferWrittenFromAnotherThreadIsCopiedBeforeTheCallReturns() throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            RecordingProtocol server = new RecordingProtocol(6);
            int port = listen(r, a -> server, false);
            RecordingProtocol client = new RecordingProtocol();
            connect(r, port, client, false);
            client.made.get(10, TimeUnit.SECONDS);
            ByteBuffer out = ByteBuffer.wrap(new byte[] {'a', 'b', 'c', 'd', 'e', 'f'});
            client.transport().write(out); // from the test thread: the reactor writes later
            assertEquals(out.limit(), out.position(), "the bytes are consumed at once");
            out.clear().put(new byte[] {'x', 'x', 'x', 'x', 'x', 'x'});
            assertEquals("abcdef", new String(server.gotAll.get(10, TimeUnit.SECONDS), "US-ASCII"));
        }
    }
}
