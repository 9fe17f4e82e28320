package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.netty.tls.SelfSignedCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs traffic through every kind of transport under Netty's leak detector at paranoid level and
 * asserts that it reported nothing; then proves the capture works by leaking a buffer on purpose.
 */
class LeakDetectionTest {
    @TempDir
    Path tmp;

    @Test
    void noBufferLeaksAcrossTransports() throws Exception {
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
                "run with -Dio.netty.leakDetection.level=paranoid (the parent pom sets it)");
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        for (String kind : List.of("epoll", "nio")) {
            try (RunningReactor r = new RunningReactor(kind)) {
                exercise(r, r.reactor.listenTCP(0, a -> new Echo(), 50, "127.0.0.1"), null);
                exercise(r, r.reactor.listenSSL(0, a -> new Echo(), cert.serverOptions(), 50, "127.0.0.1"),
                        cert);
                // The buffer path: views lent, retained slices written back, copies into pooled buffers.
                exercise(r, r.reactor.listenTCP(0, a -> new BufferPathTest.BufferEcho(), 50, "127.0.0.1"), null);
                exercise(r, r.reactor.listenSSL(0, a -> new BufferPathTest.ScratchEcho(), cert.serverOptions(), 50,
                        "127.0.0.1"), cert);
                // A protocol that throws: its connection is aborted with data in flight.
                ListeningPort failing = r.reactor.listenTCP(0, a -> new Protocol() {
                    @Override
                    public void dataReceived(byte[] data) {
                        transport().write(new byte[100_000]);
                        throw new IllegalStateException("on purpose");
                    }
                }, 50, "127.0.0.1");
                RecordingProtocol victim = new RecordingProtocol() {
                    @Override
                    public void connectionMade() {
                        transport().write("x".getBytes(StandardCharsets.US_ASCII));
                    }
                };
                r.reactor.connectTCP("127.0.0.1", ((IPv4Address) failing.getHost()).port(),
                        new TestClientFactory(() -> victim));
                victim.awaitLost();
                UdpTransportTest.Recorder udpServer = new UdpTransportTest.Recorder(true);
                ListeningPort udp = r.reactor.listenUDP(0, udpServer, "127.0.0.1", 64);
                UdpTransportTest.Recorder udpClient = new UdpTransportTest.Recorder(false);
                r.reactor.listenUDP(0, udpClient, "127.0.0.1", 8192);
                udpClient.started.get(10, TimeUnit.SECONDS);
                r.call(() -> {
                    for (int i = 0; i < 50; i++) {
                        udpClient.transport().write(new byte[200], udp.getHost());
                    }
                    return null;
                });
                udpClient.next();
                String unixPath = tmp.resolve(kind + ".sock").toString();
                r.reactor.listenUNIX(unixPath, a -> new Echo(), 50, 0600, false);
                RecordingProtocol unixClient = new RecordingProtocol(5) {
                    @Override
                    public void connectionMade() {
                        transport().write("hello".getBytes(StandardCharsets.US_ASCII));
                    }
                };
                r.reactor.connectUNIX(unixPath, new TestClientFactory(() -> unixClient), Duration.ofSeconds(5), false);
                unixClient.gotAll.get(10, TimeUnit.SECONDS);
            }
        }
        provokeLeakReports();
        assertEquals(List.of(), LeakReports.REPORTS, "Netty reported leaks");

        // The capture itself must work, or the assertion above proves nothing.
        leakOneBufferOnPurpose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (LeakReports.REPORTS.isEmpty() && System.nanoTime() < deadline) {
            provokeLeakReports();
        }
        assertTrue(LeakReports.REPORTS.stream().anyMatch(r -> r.contains("LEAK")), "the deliberate leak was not seen");
        LeakReports.REPORTS.clear();
    }

    private static void exercise(RunningReactor r, ListeningPort port, SelfSignedCertificate cert) throws Exception {
        int number = ((IPv4Address) port.getHost()).port();
        List<RecordingProtocol> clients = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            RecordingProtocol client = new RecordingProtocol(100 * 1000) {
                @Override
                public void connectionMade() {
                    super.connectionMade();
                    for (int i = 0; i < 100; i++) {
                        transport().write(new byte[1000]);
                    }
                }

                @Override
                public void dataReceived(byte[] data) {
                    super.dataReceived(data);
                    if (gotAll.isDone()) {
                        transport().abortConnection();
                    }
                }
            };
            clients.add(client);
            TestClientFactory factory = new TestClientFactory(() -> client);
            if (cert == null) {
                r.reactor.connectTCP("127.0.0.1", number, factory);
            } else {
                r.reactor.connectSSL("127.0.0.1", number, factory, cert.clientOptions("localhost"),
                        Duration.ofSeconds(5), null);
            }
        }
        for (RecordingProtocol client : clients) {
            client.gotAll.get(20, TimeUnit.SECONDS);
            client.awaitLost();
        }
    }

    private static void leakOneBufferOnPurpose() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeByte(1);
    }

    /** Collects garbage and allocates, which is when the detector reports what it found. */
    private static void provokeLeakReports() {
        for (int i = 0; i < 10; i++) {
            System.gc();
            for (int j = 0; j < 100; j++) {
                PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            }
        }
    }
}
