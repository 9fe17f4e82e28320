package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import io.netty.channel.uring.IoUring;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Transport.roundTripTime()}: the kernel's smoothed RTT from TCP_INFO on the epoll and
 * io_uring loops (a loopback connection: present, above zero, far below a second), nothing on NIO.
 */
class RoundTripTimeTest {
    @Test
    void epollReportsTheKernelsRoundTripTimeOfALoopbackConnection() throws Exception {
        assertKnownAndShort("epoll");
    }

    @Test
    void ioUringReportsItToo() throws Exception {
        assumeTrue(IoUring.isAvailable(), () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        assertKnownAndShort("io_uring");
    }

    @Test
    void nioCannotTell() throws Exception {
        List<Optional<Duration>> rtt = echoedRoundTripTimes("nio");
        assertEquals(Optional.empty(), rtt.get(0));
        assertEquals(Optional.empty(), rtt.get(1));
    }

    /** Both ends of a loopback connection on {@code kind} know their round trip: above zero, far below a second. */
    private static void assertKnownAndShort(String kind) throws Exception {
        for (Optional<Duration> side : echoedRoundTripTimes(kind)) {
            assertTrue(side.isPresent(), kind + " knows it");
            assertTrue(side.get().compareTo(Duration.ZERO) > 0, side.get().toString());
            assertTrue(side.get().compareTo(Duration.ofSeconds(1)) < 0, side.get().toString());
        }
    }

    /**
     * Echoes a message over a loopback connection on a reactor of {@code kind} (so the kernel has
     * acknowledged segments to time), then asks both ends for their round-trip time on the reactor
     * thread: the server's end, then the client's.
     */
    private static List<Optional<Duration>> echoedRoundTripTimes(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            assertEquals(kind, r.reactor.kind());
            CompletableFuture<Protocol> server = new CompletableFuture<>();
            ListeningPort port = r.reactor.listenTCP(0, a -> new Echo() {
                @Override
                public void connectionMade() {
                    server.complete(this);
                }
            }, 50, "127.0.0.1");
            RecordingProtocol client = new RecordingProtocol(4) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    transport().write("ping".getBytes(StandardCharsets.US_ASCII));
                }
            };
            r.reactor.connectTCP("127.0.0.1", ((IPv4Address) port.getHost()).port(), new TestClientFactory(() -> client));
            assertEquals("ping", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            Protocol serverEnd = server.get(10, TimeUnit.SECONDS);
            return r.call(() -> List.of(serverEnd.transport().roundTripTime(), client.transport().roundTripTime()));
        }
    }
}
