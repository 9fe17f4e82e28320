package dev.torsion.http.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Rendered;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.Request;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading, on real sockets: a closing connection is aborted after its close
 * deadline, and a client that pipelines requests without reading their answers is not served ahead
 * of what it reads (issue 9, issue 10 item 1).
 */
class UnreadingClientSocketTest {
    private static final int BIG = 32 << 20;
    private static final int ANSWER = 64 * 1024;

    LiveReactor live;
    ListeningPort port;
    final AtomicInteger rendered = new AtomicInteger();

    /** Answers with {@code size} bytes, counting its renders. */
    private final class Sized extends Resource {
        private final int size;

        Sized(int size) {
            super(true);
            this.size = size;
        }

        @Override
        protected Rendered renderGET(Request request) {
            rendered.incrementAndGet();
            return Rendered.body(new byte[size]);
        }
    }

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        Resource root = new Resource();
        root.putChild("big", new Sized(BIG));
        root.putChild("answer", new Sized(ANSWER));
        ServerConfig config = ServerConfig.DEFAULT.withCloseTimeout(Duration.ofMillis(500));
        port = live.call(() -> live.reactor.listenTCP(0, new Site(root, config).factory(live.reactor), 50, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        live.await(port::stopListening);
        live.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", ((IPv4Address) port.getHost()).port()), 5000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Waits on the reactor's own clock, so that what it scheduled before has run. */
    private void waitOnReactor(Duration delay) throws Exception {
        CountDownLatch passed = new CountDownLatch(1);
        live.call(() -> live.reactor.callLater(delay, passed::countDown));
        assertTrue(passed.await(delay.toMillis() + 10_000, TimeUnit.MILLISECONDS));
    }

    @Test
    void aClosingConnectionWhoseClientNeverReadsIsAbortedAfterTheCloseDeadline() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            waitOnReactor(Duration.ofSeconds(2));
            assertEquals(1, rendered.get());
            // The server gave up on the close: what is left is a reset, never the whole answer.
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                }
            } catch (IOException reset) {
                // Connection reset: the abort.
            }
            assertTrue(total < BIG, "read " + total + " bytes: the connection was not aborted");
        }
    }

    @Test
    void aClientThatPipelinesAndNeverReadsIsNotServedAhead() throws Exception {
        int requests = 2000;
        byte[] get = "GET /answer HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[get.length * requests];
        for (int i = 0; i < requests; i++) {
            System.arraycopy(get, 0, all, i * get.length, get.length);
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(all);
            waitOnReactor(Duration.ofSeconds(1));
            int served = rendered.get();
            // Only what fits the socket buffers and the transport's high-water mark is answered ahead.
            assertTrue(served < requests / 10, served + " of " + requests + " answered while nothing was read");
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            long bodies = 0;
            long total = 0;
            byte[] marker = "HTTP/1.1 200 ".getBytes(StandardCharsets.ISO_8859_1);
            int matched = 0;
            while (bodies < requests) {
                int n = in.read(buffer);
                assertTrue(n > 0, "the connection ended after " + bodies + " answers");
                total += n;
                for (int i = 0; i < n; i++) {
                    // Bodies are zeros, so the status line is found only at the heads.
                    matched = buffer[i] == marker[matched] ? matched + 1 : buffer[i] == marker[0] ? 1 : 0;
                    if (matched == marker.length) {
                        bodies++;
                        matched = 0;
                    }
                }
            }
            assertEquals(requests, rendered.get());
            assertTrue(total > (long) requests * ANSWER);
        }
    }
}
