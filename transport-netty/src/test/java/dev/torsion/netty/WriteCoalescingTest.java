package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many writes in one loop turn leave with one flush, whether made in a read, a timer or connectionMade. */
class WriteCoalescingTest {

    /** Counts the flushes that reach the socket. */
    static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public void flush(ChannelHandlerContext ctx) {
            flushes.incrementAndGet();
            ctx.flush();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void oneFlushPerTurn(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            FlushCounter counter = new FlushCounter();
            CompletableFuture<Protocol> server = new CompletableFuture<>();
            ListeningPort listening = r.reactor.listenTCP(0, a -> new Protocol() {
                @Override
                public void connectionMade() {
                    ((StreamConnection) transport()).channel().pipeline().addFirst("count", counter);
                    for (int i = 0; i < 100; i++) {
                        transport().write(("m" + i + ";").getBytes(StandardCharsets.US_ASCII));
                    }
                    server.complete(this);
                }

                @Override
                public void dataReceived(byte[] data) {
                    for (byte b : data) {
                        transport().write(new byte[] {b});
                        transport().write(new byte[] {b});
                    }
                }
            }, 50, "127.0.0.1");
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                expected.append("m").append(i).append(';');
            }
            RecordingProtocol client = new RecordingProtocol(expected.length() + 5);
            r.reactor.connectTCP("127.0.0.1", ((IPv4Address) listening.getHost()).port(),
                    new TestClientFactory(() -> client));
            Protocol serverSide = server.get(10, TimeUnit.SECONDS);
            client.made.get(10, TimeUnit.SECONDS);
            assertEquals(1, (int) r.call(() -> counter.flushes.get()), "100 writes in connectionMade: one flush");

            // Writes from a timer: one flush for the turn.
            CompletableFuture<Integer> afterTimer = new CompletableFuture<>();
            r.call(() -> r.reactor.callLater(Duration.ZERO, () -> {
                int before = counter.flushes.get();
                serverSide.transport().write("a".getBytes(StandardCharsets.US_ASCII));
                serverSide.transport().write("b".getBytes(StandardCharsets.US_ASCII));
                serverSide.transport().write("c".getBytes(StandardCharsets.US_ASCII));
                r.reactor.callLater(Duration.ofMillis(20), () -> afterTimer.complete(counter.flushes.get() - before));
            }));
            assertEquals(1, afterTimer.get(10, TimeUnit.SECONDS));

            // Writes while handling a read: flushed once the read burst is over.
            int beforeRead = r.call(() -> counter.flushes.get());
            r.call(() -> {
                client.transport().write("x".getBytes(StandardCharsets.US_ASCII));
                return null;
            });
            String all = new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII);
            assertEquals(expected + "abcxx", all.substring(0, expected.length() + 5));
            int readFlushes = r.<Integer>call(() -> counter.flushes.get()) - beforeRead;
            assertTrue(readFlushes == 1, "two writes per byte in one read: one flush, got " + readFlushes);
        }
    }
}
