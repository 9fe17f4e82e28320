package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.UdpOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The receive buffer of a UDP port ({@link UdpOptions#receiveBufferSize()}, SO_RCVBUF): the size
 * the kernel grants, read back with getsockopt through the channel; the log line when Linux caps
 * it at net.core.rmem_max; and the datagrams it keeps while the reactor thread is stalled.
 */
class UdpReceiveBufferTest {
    private static final int MIB = 1 << 20;
    private final Logger portLog = (Logger) LoggerFactory.getLogger(DatagramPort.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    /** Counts datagrams. */
    /** Counts the payload datagrams; a one-byte marker, queued behind them, says all kept ones were read. */
    private static final class Counter extends DatagramProtocol {
        final AtomicInteger received = new AtomicInteger();
        final CountDownLatch marker = new CountDownLatch(1);

        @Override
        public void datagramReceived(byte[] datagram, Address from) {
            if (datagram.length == 1) {
                marker.countDown();
            } else {
                received.incrementAndGet();
            }
        }
    }

    @BeforeEach
    void capture() {
        portLog.setLevel(Level.INFO);
        appender.list = Collections.synchronizedList(new ArrayList<>());
        appender.start();
        portLog.addAppender(appender);
    }

    @AfterEach
    void release() {
        portLog.detachAppender(appender);
        portLog.setLevel(null);
        appender.stop();
    }

    /** The kernel's cap on SO_RCVBUF. */
    private static int rmemMax() throws Exception {
        // readString reads /proc files (size 0) short on JDK 17: read them by lines.
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).trim());
    }

    private static int reported(ListeningPort port) {
        return ((DatagramPort) port).reportedReceiveBuffer();
    }

    private static int granted(ListeningPort port) {
        return ((DatagramPort) port).grantedReceiveBuffer();
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio", "io_uring"})
    void theSocketGetsTheBufferAskedFor(String kind) throws Exception {
        int asked = Math.min(MIB, rmemMax());
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort plain = r.reactor.listenUDP(0, new Counter(), "127.0.0.1", 8192);
            ListeningPort sized = r.reactor.listenUDP(0, new Counter(), "127.0.0.1", 8192,
                    UdpOptions.DEFAULT.withReceiveBufferSize(asked));
            // Linux's getsockopt reports twice what it granted (socket(7)); the JDK halves it for NIO.
            assertEquals(kind.equals("nio") ? asked : 2 * asked, reported(sized));
            assertEquals(asked, granted(sized));
            assertTrue(reported(sized) > reported(plain), reported(sized) + " must exceed the default " + reported(plain));
            assertTrue(appender.list.stream().noneMatch(e -> e.getFormattedMessage().contains("granted")),
                    "a granted request is not worth an info line");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aCappedBufferIsLoggedWithTheSizeGranted(String kind) throws Exception {
        int cap = rmemMax();
        int asked = cap * 2;
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort sized = r.reactor.listenUDP(0, new Counter(), "127.0.0.1", 8192,
                    UdpOptions.DEFAULT.withReceiveBufferSize(asked));
            assertEquals(cap, granted(sized));
            String expected = "UDP socket " + sized.getHost() + ": asked for a receive buffer of " + asked
                    + " bytes, the kernel granted " + cap + " (Linux caps it at net.core.rmem_max: sysctl -w"
                    + " net.core.rmem_max=" + asked + " to grant it)";
            assertTrue(appender.list.stream().anyMatch(e -> e.getFormattedMessage().equals(expected)
                    && e.getLevel() == Level.INFO), () -> "no '" + expected + "' in " + appender.list);
        }
    }

    /**
     * 400 datagrams of 1,000 bytes sent while the reactor thread is blocked: a 1 MiB buffer keeps
     * them all, the kernel's default (some 208 KiB, charged about 2 KiB per such datagram on
     * loopback) drops most of them: the SIP proxy's failure under load.
     */
    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aLargerBufferRidesOutAStalledReactor(String kind) throws Exception {
        int count = 400;
        try (RunningReactor r = new RunningReactor(kind)) {
            assertEquals(count, afterStall(r, UdpOptions.DEFAULT.withReceiveBufferSize(Math.min(MIB, rmemMax())), count));
            int keptByDefault = afterStall(r, UdpOptions.DEFAULT, count);
            assertTrue(keptByDefault < count, "the default buffer kept all " + count + ": the test proves nothing");
        }
    }

    /** Sends {@code count} datagrams to a port with {@code options} while the reactor is blocked; how many arrived. */
    private static int afterStall(RunningReactor r, UdpOptions options, int count) throws Exception {
        Counter counter = new Counter();
        ListeningPort port = r.reactor.listenUDP(0, counter, "127.0.0.1", 8192, options);
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        r.reactor.callFromThread(() -> {
            stalled.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(stalled.await(10, TimeUnit.SECONDS));
        try (DatagramSocket sender = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            byte[] payload = new byte[1000];
            InetAddress to = InetAddress.getLoopbackAddress();
            int portNumber = ((IPAddress) port.getHost()).port();
            try {
                for (int i = 0; i < count; i++) {
                    sender.send(new DatagramPacket(payload, payload.length, to, portNumber));
                }
            } finally {
                release.countDown();
            }
            // The socket's queue is FIFO: a marker read means every datagram it kept was read first.
            // The first markers may find the buffer still full, so send one until one gets through.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                assertTrue(System.nanoTime() < deadline, "no marker got through in 10 s");
                sender.send(new DatagramPacket(new byte[1], 1, to, portNumber));
            } while (!counter.marker.await(50, TimeUnit.MILLISECONDS));
        }
        r.call(port::stopListening);
        return counter.received.get();
    }
}
