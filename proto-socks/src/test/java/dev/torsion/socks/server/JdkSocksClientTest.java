package dev.torsion.socks.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.netty.testing.LiveReactor;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own SOCKS client (an independent implementation, SOCKS5 with its SOCKS4 fallback)
 * through our server on a real Netty reactor to an echo server: 8 MiB each way, written while
 * read, every byte checked, so the relay holds back a fast writer instead of buffering it.
 */
class JdkSocksClientTest {
    private static final int SIZE = 8 << 20;
    private static LiveReactor live;
    private static ListeningPort echo;
    private static ListeningPort socks;

    /**
     * Writes back what it reads; at the client's end of input it closes once all is written (a
     * protocol that is not half-closeable would be closed at once, its pending output dropped).
     */
    static final class Echo extends Protocol implements HalfCloseableProtocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }

        @Override
        public void readConnectionLost() {
            transport().loseConnection();
        }

        @Override
        public void writeConnectionLost() {
        }
    }

    @BeforeAll
    static void start() throws Exception {
        live = new LiveReactor();
        ProtocolFactory echoes = address -> new Echo();
        echo = live.call(() -> live.reactor.listenTCP(0, echoes, 50, "127.0.0.1"));
        socks = live.call(() -> live.reactor.listenTCP(0,
                SocksServerFactory.forReactor(live.reactor, SocksAccessRules.loopbackOnly(), null), 50, "127.0.0.1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (live != null) {
            live.await(echo::stopListening);
            live.await(socks::stopListening);
            live.close();
        }
    }

    private static int port(ListeningPort listening) {
        return ((IPAddress) listening.getHost()).port();
    }

    private static void roundTrip(InetSocketAddress destination) throws Exception {
        Proxy proxy = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", port(socks)));
        byte[] sent = new byte[SIZE];
        new Random(17).nextBytes(sent);
        try (Socket socket = new Socket(proxy)) {
            socket.setSoTimeout(30_000);
            socket.connect(destination, 10_000);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int offset = 0; offset < SIZE; offset += 65536) {
                        out.write(sent, offset, 65536);
                    }
                    socket.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            InputStream in = socket.getInputStream();
            byte[] received = in.readAllBytes();
            writing.get(30, TimeUnit.SECONDS);
            assertEquals(SIZE, received.length);
            assertArrayEquals(sent, received);
        }
    }

    @Test
    void relaysEightMebibytesEachWayToAnAddress() throws Exception {
        roundTrip(new InetSocketAddress("127.0.0.1", port(echo)));
    }

    @Test
    void relaysToANameTheServerResolves() throws Exception {
        roundTrip(InetSocketAddress.createUnresolved("localhost", port(echo)));
    }
}
