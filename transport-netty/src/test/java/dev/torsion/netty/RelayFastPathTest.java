package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.PushProducer;
import dev.torsion.internet.Transport;
import dev.torsion.protocols.portforward.Proxy;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core relay between two real sockets, with and without the transports' fast path (reads
 * written to the other connection's output as Netty read them, never through {@code dataReceived}):
 * the same bytes both ways, and a reader that stops holds the sender back.
 */
class RelayFastPathTest {
    private static final int SIZE = 8 * 1024 * 1024;

    /** One side of the relay, counting the bytes that reach it as a protocol. */
    private static class CountingSide extends Proxy {
        private final AtomicLong delivered;
        private final boolean direct;

        CountingSide(AtomicLong delivered, boolean direct) {
            this.delivered = delivered;
            this.direct = direct;
        }

        @Override
        public void dataReceived(byte[] data) {
            delivered.addAndGet(data.length);
            super.dataReceived(data);
        }

        @Override
        protected boolean relaysDirectly() {
            return direct;
        }
    }

    /** Listens on a relay to {@code destinationPort}; its sides count what reaches them in {@code delivered}. */
    private static int relay(RunningReactor r, int destinationPort, AtomicLong delivered, boolean direct) throws Exception {
        return relay(r, destinationPort, delivered, direct, destination -> { });
    }

    /** As above; {@code onDestination} sees the transport to the destination once it is linked. */
    private static int relay(RunningReactor r, int destinationPort, AtomicLong delivered, boolean direct,
            Consumer<Transport> onDestination) throws Exception {
        ListeningPort port = r.call(() -> r.reactor.listenTCP(0, address -> new CountingSide(delivered, direct) {
            @Override
            public void connectionMade() {
                transport().pauseProducing();
                Proxy front = this;
                r.reactor.connectTCP("127.0.0.1", destinationPort, new ClientFactory() {
                    @Override
                    public Protocol buildProtocol(Address to) {
                        return new CountingSide(delivered, direct) {
                            @Override
                            public void connectionMade() {
                                front.link(this);
                                onDestination.accept(transport());
                                front.transport().resumeProducing();
                            }
                        };
                    }
                });
            }
        }, 50, "127.0.0.1"));
        return ((IPAddress) port.getHost()).port();
    }

    private static int listen(RunningReactor r, Supplier<Protocol> protocols) throws Exception {
        ListeningPort port = r.call(() -> r.reactor.listenTCP(0, address -> protocols.get(), 50, "127.0.0.1"));
        return ((IPAddress) port.getHost()).port();
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {true, false})
    void eightMebibytesGoThroughAndComeBackTheSame(boolean direct) throws Exception {
        try (RunningReactor r = new RunningReactor("epoll")) {
            AtomicLong delivered = new AtomicLong();
            int echo = listen(r, Echo::new);
            int relay = relay(r, echo, delivered, direct);
            byte[] upload = new byte[SIZE];
            new Random(7).nextBytes(upload);
            byte[] back = new byte[SIZE];
            try (Socket client = new Socket("127.0.0.1", relay)) {
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        for (int i = 0; i < SIZE; i += 64 * 1024) {
                            out.write(upload, i, 64 * 1024);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                new DataInputStream(client.getInputStream()).readFully(back);
                sent.get(30, TimeUnit.SECONDS);
            }
            assertArrayEquals(upload, back);
            if (direct) {
                assertTrue(delivered.get() < SIZE / 8, "the fast path carried the bytes: only "
                        + delivered.get() + " went through dataReceived");
            } else {
                assertEquals(2L * SIZE, delivered.get(), "every byte went through dataReceived, both ways");
            }
        }
    }

    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {true, false})
    void aClientThatStopsReadingHoldsTheSenderBack(boolean direct) throws Exception {
        long total = 64L * 1024 * 1024;
        AtomicLong written = new AtomicLong();
        try (RunningReactor r = new RunningReactor("epoll")) {
            int source = listen(r, () -> new Protocol() {
                @Override
                public void connectionMade() {
                    PushProducer producer = new PushProducer() {
                        private boolean paused;

                        @Override
                        public void pauseProducing() {
                            paused = true;
                        }

                        @Override
                        public void resumeProducing() {
                            paused = false;
                            while (!paused && written.get() < total) {
                                transport().write(new byte[64 * 1024]);
                                written.addAndGet(64 * 1024);
                            }
                            if (written.get() >= total) {
                                transport().unregisterProducer();
                                transport().loseConnection();
                            }
                        }

                        @Override
                        public void stopProducing() {
                            paused = true;
                        }
                    };
                    transport().registerProducer(producer, true);
                    producer.resumeProducing();
                }
            });
            int relay = relay(r, source, new AtomicLong(), direct);
            try (Socket client = new Socket("127.0.0.1", relay)) {
                client.setReceiveBufferSize(64 * 1024);
                TimeUnit.SECONDS.sleep(1);
                long whileNotReading = written.get();
                assertTrue(whileNotReading < total / 2, "the source was held back while the client did not read: "
                        + whileNotReading + " bytes written");
                InputStream in = client.getInputStream();
                byte[] buffer = new byte[256 * 1024];
                long read = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    read += n;
                }
                assertEquals(total, read);
            }
        }
    }

    /** Counts the writability changes of a channel: each one paused or resumed the relay's reading side. */
    private static final class WritabilityChanges extends ChannelInboundHandlerAdapter {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext context) {
            count.incrementAndGet();
            context.fireChannelWritabilityChanged();
        }
    }

    /**
     * A bulk upload to a destination that reads as fast as it is written: the relay's writes to the
     * outgoing connection (a 64 KiB buffer per read) must not cross its high-water mark at every
     * read, which paused and resumed the client's reading around each one (two epoll_ctl calls
     * per 64 KiB under Netty's default 64/32 KiB marks).
     */
    @Test
    void aBulkUploadToAFastReaderDoesNotPauseTheRelayAtEveryRead() throws Exception {
        long total = 16L * 1024 * 1024;
        WritabilityChanges changes = new WritabilityChanges();
        AtomicLong received = new AtomicLong();
        CompletableFuture<Long> sinkDone = new CompletableFuture<>();
        try (RunningReactor r = new RunningReactor("epoll")) {
            int sink = listen(r, () -> new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                    received.addAndGet(data.length);
                }

                @Override
                public void connectionLost(Failure reason) {
                    sinkDone.complete(received.get());
                }
            });
            int relay = relay(r, sink, new AtomicLong(), true,
                    destination -> ((StreamConnection) destination).channel().pipeline().addFirst(changes));
            try (Socket client = new Socket("127.0.0.1", relay)) {
                OutputStream out = client.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (long sent = 0; sent < total; sent += chunk.length) {
                    out.write(chunk);
                }
                client.shutdownOutput();
                assertEquals(total, sinkDone.get(30, TimeUnit.SECONDS));
            }
        }
        assertTrue(changes.count.get() <= total / (512 * 1024), "the relay paused and resumed its reading "
                + changes.count.get() / 2 + " times for " + total / (64 * 1024) + " reads of at most 64 KiB");
    }

    /**
     * The destination stops reading for a while, so the relay's output to it fills past the high
     * mark and the client's side stops reading; the client half-closes meanwhile. Every byte must
     * reach the destination before the end of its input, and its answer, written after that end,
     * must come back through the relay's other direction.
     */
    @ParameterizedTest(name = "fast path {0}")
    @ValueSource(booleans = {true, false})
    void aHalfCloseBehindAPausedReaderComesAfterEveryByte(boolean direct) throws Exception {
        int total = 8 * 1024 * 1024;
        AtomicLong received = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        try (RunningReactor r = new RunningReactor("epoll")) {
            int destination = listen(r, () -> new CountingHalfCloser(r, received));
            WritabilityChanges changes = new WritabilityChanges();
            int relay = relay(r, destination, delivered, direct,
                    to -> ((StreamConnection) to).channel().pipeline().addFirst(changes));
            byte[] upload = new byte[total];
            try (Socket client = new Socket("127.0.0.1", relay)) {
                client.getOutputStream().write(upload);
                client.shutdownOutput();
                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertEquals("got " + total, answer);
            }
            assertEquals(total, received.get());
            assertTrue(changes.count.get() >= 2, "the relay's output to the paused reader crossed its high mark and "
                    + "came back: " + changes.count.get() + " writability changes");
            if (direct) {
                assertTrue(delivered.get() < total / 8, "the fast path carried the bytes: "
                        + delivered.get() + " went through dataReceived");
            }
        }
    }

    /** Reads nothing for its first half second; at the end of its input, answers with the count and half-closes. */
    private static final class CountingHalfCloser extends Protocol implements HalfCloseableProtocol {
        private final RunningReactor r;
        private final AtomicLong received;

        CountingHalfCloser(RunningReactor r, AtomicLong received) {
            this.r = r;
            this.received = received;
        }

        @Override
        public void connectionMade() {
            transport().pauseProducing();
            r.reactor.callLater(Duration.ofMillis(500), () -> transport().resumeProducing());
        }

        @Override
        public void dataReceived(byte[] data) {
            received.addAndGet(data.length);
        }

        @Override
        public void readConnectionLost() {
            transport().write(("got " + received.get()).getBytes(StandardCharsets.US_ASCII));
            ((HalfCloseableTransport) transport()).loseWriteConnection();
        }

        @Override
        public void writeConnectionLost() {
            transport().loseConnection();
        }
    }
}
