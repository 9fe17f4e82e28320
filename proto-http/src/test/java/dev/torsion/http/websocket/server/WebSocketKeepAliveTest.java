package dev.torsion.http.websocket.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.websocket.Recorder;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketState;
import dev.torsion.http.websocket.WsWire;
import dev.torsion.http.websocket.codec.Frame;
import dev.torsion.http.websocket.codec.FrameDecoder;
import dev.torsion.http.websocket.codec.Opcode;
import dev.torsion.http.websocket.codec.Side;
import dev.torsion.http.websocket.codec.WebSocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keep-alive Pings on a timer and the idle timeout after the handshake, on the deterministic clock. */
class WebSocketKeepAliveTest {
    private final Recorder app = new Recorder(false);

    private WsWire open(WebSocketLimits limits) {
        return new WsWire(new WebSocketResource(request -> app, List.of(), limits, false, origin -> true), "");
    }

    /** What the server sent since the last call, as "OPCODE:hex-payload" strings. */
    private static List<String> sent(WsWire ws) throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(Side.CLIENT, 1 << 20);
        decoder.feed(ws.wire.transport.value());
        ws.wire.transport.clear();
        List<String> frames = new ArrayList<>();
        Frame frame;
        while ((frame = decoder.next()) != null) {
            frames.add(frame.opcode() + ":" + HexFormat.of().formatHex(frame.payload()));
        }
        return frames;
    }

    private static void advance(WsWire ws, int seconds) {
        ws.wire.clock.advance(Duration.ofSeconds(seconds));
    }

    @Test
    void aQuietPeerIsPingedEveryIntervalAndItsPongsKeepItAlive() throws WebSocketException {
        WsWire ws = open(WebSocketLimits.DEFAULT.withPingInterval(Duration.ofSeconds(30)).withIdleTimeout(Duration.ofSeconds(90)));
        advance(ws, 29);
        assertEquals(List.of(), sent(ws));
        advance(ws, 1);
        assertEquals(List.of("PING:"), sent(ws));
        advance(ws, 10);
        ws.send(WsWire.clientFrame(Opcode.PONG, true, new byte[0]), false);   // t = 40
        assertEquals(List.of("open", "pong:"), app.events);
        advance(ws, 29);
        assertEquals(List.of(), sent(ws));
        advance(ws, 1);                                                        // t = 70: 30 s after the Pong
        assertEquals(List.of("PING:"), sent(ws));
        advance(ws, 30);                                                       // t = 100: no answer, pinged again
        assertEquals(List.of("PING:"), sent(ws));
        assertEquals(WebSocketState.OPEN, app.socket.state());
        advance(ws, 30);                                                       // t = 130: 90 s since the Pong
        String goingAway = "03e9" + HexFormat.of().formatHex("idle timeout".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("CLOSE:" + goingAway), sent(ws));
        assertEquals(WebSocketState.CLOSE_SENT, app.socket.state());
        advance(ws, 5);                                                        // the closing handshake's own deadline
        assertEquals(WebSocketState.CLOSING, app.socket.state());
        assertTrue(ws.wire.transport.isDisconnecting());
    }

    @Test
    void theIdleTimeoutCountsFromTheLastFrameHeard() throws WebSocketException {
        WsWire ws = open(WebSocketLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(60)));
        advance(ws, 50);
        ws.send(WsWire.text("still here"), true);
        advance(ws, 59);
        assertEquals(List.of(), sent(ws));
        assertEquals(WebSocketState.OPEN, app.socket.state());
        advance(ws, 1);
        assertEquals(List.of("CLOSE:03e9" + HexFormat.of().formatHex("idle timeout".getBytes(StandardCharsets.UTF_8))), sent(ws));
    }

    @Test
    void timeWhileThisSidePausedReadingDoesNotCount() throws WebSocketException {
        WsWire ws = open(WebSocketLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(60)).withPingInterval(Duration.ofSeconds(20)));
        app.socket.pauseProducing();
        advance(ws, 300);
        assertEquals(List.of(), sent(ws));
        assertEquals(WebSocketState.OPEN, app.socket.state());
        app.socket.resumeProducing();                                          // t = 300: the silence starts now
        advance(ws, 20);
        assertEquals(List.of("PING:"), sent(ws));
        advance(ws, 20);
        assertEquals(List.of("PING:"), sent(ws));
        advance(ws, 20);                                                       // t = 360: 60 s since reading resumed
        assertEquals(List.of("CLOSE:03e9" + HexFormat.of().formatHex("idle timeout".getBytes(StandardCharsets.UTF_8))),
                sent(ws));
    }

    @Test
    void withNeitherSetNothingIsSentNorClosed() throws WebSocketException {
        WsWire ws = open(WebSocketLimits.DEFAULT);
        advance(ws, 86_400);
        assertEquals(List.of(), sent(ws));
        assertEquals(WebSocketState.OPEN, app.socket.state());
    }

    @Test
    void zeroOrNegativeDurationsAreRefusedNamingTheField() {
        IllegalArgumentException idle = assertThrows(IllegalArgumentException.class,
                () -> WebSocketLimits.DEFAULT.withIdleTimeout(Duration.ZERO));
        assertTrue(idle.getMessage().startsWith("idleTimeout"), idle.getMessage());
        IllegalArgumentException ping = assertThrows(IllegalArgumentException.class,
                () -> WebSocketLimits.DEFAULT.withPingInterval(Duration.ofSeconds(-1)));
        assertTrue(ping.getMessage().startsWith("pingInterval"), ping.getMessage());
    }
}
