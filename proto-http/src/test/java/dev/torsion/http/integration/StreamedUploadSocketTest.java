package dev.torsion.http.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.client.Agent;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.ReverseProxyResource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.support.TestResources;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large upload through the reverse proxy over real sockets: while the backend holds its body,
 * the proxy stops reading from the client, so the client can only fill the socket buffers; once
 * released, every byte arrives (checked by SHA-256).
 */
class StreamedUploadSocketTest {
    private static final long UPLOAD = 96L << 20;
    private static final int PIECE = 64 * 1024;

    LiveReactor live;
    TestResources.DigestSink sink;
    ListeningPort backend;
    ListeningPort front;

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        ServerConfig large = ServerConfig.DEFAULT.withMaxBodySize(1L << 30);
        sink = new TestResources.DigestSink();
        Resource back = new Resource();
        back.putChild("sink", sink);
        backend = live.call(() -> live.reactor.listenTCP(0, new Site(back, large).factory(live.reactor), 50, "127.0.0.1"));
        int backendPort = ((IPv4Address) backend.getHost()).port();
        Resource frontRoot = new Resource();
        frontRoot.putChild("proxy", live.call(() -> new ReverseProxyResource(new Agent(live.reactor),
                "http://127.0.0.1:" + backendPort)));
        front = live.call(() -> live.reactor.listenTCP(0, new Site(frontRoot, large).factory(live.reactor), 50, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        live.await(backend::stopListening);
        live.await(front::stopListening);
        live.close();
    }

    @Test
    void theProxyHoldsTheClientBackWhileTheBackendHoldsTheBody() throws Exception {
        live.call(() -> {
            sink.holding = true;
            return null;
        });
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        AtomicLong written = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", ((IPv4Address) front.getHost()).port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /proxy/sink HTTP/1.1\r\nHost: front\r\nContent-Length: " + UPLOAD + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                Random random = new Random(5);
                byte[] piece = new byte[PIECE];
                try {
                    for (long sent = 0; sent < UPLOAD; sent += PIECE) {
                        random.nextBytes(piece);
                        expected.update(piece);
                        out.write(piece);
                        written.addAndGet(PIECE);
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            long stuckAt = waitUntilStuck(written);
            assertTrue(stuckAt < UPLOAD / 3, "the client got " + (stuckAt >> 20) + " MiB of " + (UPLOAD >> 20)
                    + " MiB out while the backend held the body: the proxy buffered instead of pausing");
            live.call(() -> {
                sink.release();
                return null;
            });
            upload.get(120, TimeUnit.SECONDS);
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            assertEquals(UPLOAD + " " + HexFormat.of().formatHex(expected.digest()),
                    response.substring(response.indexOf("\r\n\r\n") + 4));
        }
    }

    /** Waits until the writer has made no progress for a second, and returns how far it got. */
    private static long waitUntilStuck(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        int stillFor = 0;
        while (System.nanoTime() < deadline && stillFor < 10) {
            long now = written.get();
            stillFor = now == last ? stillFor + 1 : 0;
            last = now;
            if (now >= UPLOAD) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return last;
    }

    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                int at = text.toLowerCase(Locale.ROOT).indexOf("content-length: ");
                int length = Integer.parseInt(text.substring(at + 16, text.indexOf("\r\n", at)).trim());
                if (got.size() >= headEnd + 4 + length) {
                    return text;
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                return got.toString(StandardCharsets.ISO_8859_1);
            }
            got.write(buffer, 0, n);
        }
    }
}
