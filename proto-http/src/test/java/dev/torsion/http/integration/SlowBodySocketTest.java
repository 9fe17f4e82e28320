package dev.torsion.http.integration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.http.support.TestResources;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies on real sockets (issue 10 item 2): a body that does not come in time is cut by the
 * whole-body deadline though the idle timeout is long, and a body that cannot be taken is answered
 * at once without being read.
 */
class SlowBodySocketTest {
    LiveReactor live;
    ListeningPort port;

    @BeforeEach
    void start() throws Exception {
        live = new LiveReactor();
        Resource root = new Resource();
        root.putChild("echo", new TestResources.Echo());
        root.putChild("text", new TestResources.Text("hi"));
        ServerConfig config = ServerConfig.DEFAULT.withIdleTimeout(Duration.ofMinutes(5))
                .withBodyDeadline(Duration.ofSeconds(1), 500);
        port = live.call(() -> live.reactor.listenTCP(0, new Site(root, config).factory(live.reactor), 50, "127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        live.await(port::stopListening);
        live.close();
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", ((IPv4Address) port.getHost()).port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aBodyThatDoesNotComeInTimeIsCutWithA408() throws Exception {
        String answer = exchange("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\nonly this");
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
    }

    @Test
    void aBodyForAMethodNotAllowedIsAnsweredWithoutBeingRead() throws Exception {
        String answer = exchange("POST /text HTTP/1.1\r\nHost: a\r\nContent-Length: 100000000\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
        assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
    }
}
