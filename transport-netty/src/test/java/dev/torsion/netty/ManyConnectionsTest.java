package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One echo server with 1,000 connections open at once, every byte checked. */
class ManyConnectionsTest {
    private static final int CONNECTIONS = 1000;
    private static final int BYTES_EACH = 8 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void thousandConcurrentConnectionsEchoEveryByte(String kind) throws Exception {
        try (RunningReactor server = new RunningReactor(kind); RunningReactor clients = new RunningReactor(kind)) {
            ListeningPort listening = server.reactor.listenTCP(0, a -> new Echo(), 1024, "127.0.0.1");
            int port = ((IPv4Address) listening.getHost()).port();
            CountDownLatch allConnected = new CountDownLatch(CONNECTIONS);
            List<RecordingProtocol> protocols = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] payload = new byte[BYTES_EACH];
                new Random(i).nextBytes(payload);
                payloads.add(payload);
                RecordingProtocol client = new RecordingProtocol(BYTES_EACH) {
                    @Override
                    public void connectionMade() {
                        super.connectionMade();
                        allConnected.countDown();
                    }
                };
                protocols.add(client);
                clients.reactor.connectTCP("127.0.0.1", port, new TestClientFactory(() -> client));
            }
            assertTrue(allConnected.await(60, TimeUnit.SECONDS), "not all connections were made");
            // Every connection is open now; each writes its own pattern in several pieces.
            clients.call(() -> {
                for (int i = 0; i < CONNECTIONS; i++) {
                    byte[] payload = payloads.get(i);
                    for (int offset = 0; offset < payload.length; offset += 1000) {
                        protocols.get(i).transport().write(Arrays.copyOfRange(payload, offset,
                                Math.min(payload.length, offset + 1000)));
                    }
                }
                return null;
            });
            for (int i = 0; i < CONNECTIONS; i++) {
                byte[] echoed = protocols.get(i).gotAll.get(60, TimeUnit.SECONDS);
                assertArrayEquals(payloads.get(i), echoed, "connection " + i);
            }
            clients.call(() -> {
                protocols.forEach(p -> p.transport().loseConnection());
                return null;
            });
            for (RecordingProtocol p : protocols) {
                p.awaitLost();
            }
            assertEquals(CONNECTIONS, protocols.stream().filter(p -> p.received.size() == BYTES_EACH).count());
        }
    }
}
