package dev.torsion.http.websocket.client;

import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.http.Headers;
import dev.torsion.http.client.AgentConfig;
import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.MemoryNet;
import dev.torsion.http.websocket.Handshake;
import dev.torsion.http.websocket.Recorder;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.WebSocketState;
import dev.torsion.http.websocket.server.WebSocketResource;
import dev.torsion.internet.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketClientTest {
    private final MemoryNet net = new MemoryNet();
    private final Recorder server = new Recorder(true);
    private final WebSocketClient client;

    WebSocketClientTest() {
        Resource root = new Resource();
        root.putChild("ws", new WebSocketResource(request -> server, List.of("b", "a"), WebSocketLimits.DEFAULT, true, o -> true));
        net.serve("example.com", 80, new Site(root));
        client = new WebSocketClient(net, net.clock, AgentConfig.DEFAULT, WebSocketLimits.DEFAULT);
    }

    @Test
    void connectsExchangesAndClosesCleanly() {
        for (boolean compression : new boolean[] {false, true}) {
            Recorder app = new Recorder(false);
            var connected = client.connect("ws://example.com/ws", new Headers(), List.of("a"), compression, app);
            net.flush();
            WebSocket socket = successResultOf(connected);
            assertEquals("a", socket.subprotocol());
            assertEquals(compression, socket.isCompressed());
            socket.sendText("hello, server");
            socket.sendBinary(new byte[70_000]);
            socket.ping("p".getBytes(StandardCharsets.UTF_8));
            net.flush();
            assertEquals(List.of("open", "text:hello, server", "binary:70000", "pong:70"), app.events);
            socket.close(1000, "done");
            net.flush();
            assertEquals(WebSocketState.CLOSED, socket.state());
            assertEquals("closed:1000:true", app.events.get(app.events.size() - 1));
            assertEquals("closed:1000:true", server.events.get(server.events.size() - 1));
        }
    }

    @Test
    void theServerClosingIsAnsweredAndTheClientWaitsForTheTcpClose() {
        Recorder app = new Recorder(false);
        var connected = client.connect("ws://example.com/ws", app);
        net.flush();
        assertNotNull(successResultOf(connected));
        server.socket.close(1001, "going");
        net.flush();
        assertEquals(List.of("open", "close-frame:1001:going", "closed:1001:true"), app.events);
    }

    @Test
    void aRefusedHandshakeFailsWithTheStatus() {
        var connected = client.connect("ws://example.com/nothing", new Recorder(false));
        net.flush();
        Failure failure = failureResultOf(connected);
        WebSocketHandshakeFailed error = assertInstanceOf(WebSocketHandshakeFailed.class, failure.value());
        assertEquals(404, error.status());
    }

    @Test
    void aWrongAcceptIsRefused() {
        net.serveRaw("liar.example", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                transport().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
        });
        var connected = client.connect("ws://liar.example/", new Recorder(false));
        net.flush();
        Failure failure = failureResultOf(connected);
        assertTrue(failure.value().getMessage().contains("Sec-WebSocket-Accept"), failure.value().getMessage());
    }

    @Test
    void anUnofferedExtensionIsRefused() {
        net.serveRaw("odd.example", 80, () -> new Protocol() {
            @Override
            public void dataReceived(byte[] data) {
                String request = new String(data, StandardCharsets.US_ASCII);
                int at = request.indexOf("Sec-WebSocket-Key: ") + 19;
                String key = request.substring(at, request.indexOf("\r\n", at));
                transport().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + Handshake.acceptFor(key) + "\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=9\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        });
        var connected = client.connect("ws://odd.example/", new Recorder(false));
        net.flush();
        Failure failure = failureResultOf(connected);
        assertInstanceOf(WebSocketHandshakeFailed.class, failure.value());
    }

    @Test
    void aSilentServerTimesOut() {
        net.serveRaw("silent.example", 80, () -> new Protocol() { });
        var connected = client.connect("ws://silent.example/", new Recorder(false));
        net.flush();
        net.clock.advance(Duration.ofSeconds(10));
        Failure failure = failureResultOf(connected);
        assertEquals(0, ((WebSocketHandshakeFailed) failure.value()).status());
    }

    @Test
    void aMessageSentWithThe101Arrives() {
        Resource root = new Resource();
        root.putChild("greet", new WebSocketResource(request -> new WebSocketProtocol() {
            @Override
            public void onOpen(WebSocket socket) {
                socket.sendText("welcome");
            }
        }));
        net.serve("greeter.example", 80, new Site(root));
        Recorder app = new Recorder(false);
        client.connect("ws://greeter.example/greet", app);
        net.flush();
        assertEquals(List.of("open", "text:welcome"), app.events);
    }
}
