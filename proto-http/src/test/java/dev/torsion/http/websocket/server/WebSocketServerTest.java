package dev.torsion.http.websocket.server;

import static dev.torsion.http.websocket.WsWire.clientFrame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.http.websocket.Recorder;
import dev.torsion.http.websocket.WebSocket;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WebSocketProtocol;
import dev.torsion.http.websocket.WebSocketState;
import dev.torsion.http.websocket.WsWire;
import dev.torsion.http.websocket.codec.Frame;
import dev.torsion.http.websocket.codec.FrameDecoder;
import dev.torsion.http.websocket.codec.FrameEncoder;
import dev.torsion.http.websocket.codec.MessageDeflater;
import dev.torsion.http.websocket.codec.MessageInflater;
import dev.torsion.http.websocket.codec.Opcode;
import dev.torsion.http.websocket.codec.Side;
import dev.torsion.http.websocket.codec.WebSocketException;
import dev.torsion.internet.PushProducer;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketServerTest {
    private static final HexFormat HEX = HexFormat.of();

    private static WebSocketResource echo(Recorder app) {
        return new WebSocketResource(request -> app, List.of("chat.v2", "chat.v1"), WebSocketLimits.DEFAULT, true, o -> true);
    }

    private static List<Frame> serverFrames(byte[] wire) throws WebSocketException {
        FrameDecoder decoder = new FrameDecoder(Side.CLIENT, 1 << 20);
        decoder.allowRsv1();
        decoder.feed(wire);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = decoder.next()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    @Test
    void theRfcHandshakeIsAnsweredAndTheConnectionHandedOver() {
        Recorder app = new Recorder(true);
        WsWire ws = new WsWire(echo(app), "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat.v1, chat.v2\r\n");
        // RFC 6455 section 1.3: the key "dGhlIHNhbXBsZSBub25jZQ==" is accepted as below.
        assertTrue(ws.handshakeAnswer.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), ws.handshakeAnswer);
        assertTrue(ws.handshakeAnswer.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"), ws.handshakeAnswer);
        // The server's preference wins among the offered subprotocols.
        assertTrue(ws.handshakeAnswer.contains("\r\nSec-WebSocket-Protocol: chat.v2\r\n"), ws.handshakeAnswer);
        assertFalse(ws.handshakeAnswer.contains("Sec-WebSocket-Extensions"), ws.handshakeAnswer);
        assertFalse(ws.handshakeAnswer.contains("Content-Length"), ws.handshakeAnswer);
        assertEquals(List.of("open"), app.events);
        assertEquals("chat.v2", app.socket.subprotocol());
        assertFalse(app.socket.isCompressed());
        for (boolean byteByByte : new boolean[] {false, true}) {
            ws.wire.transport.clear();
            ws.send(WsWire.text("Hello"), byteByByte);
            assertEquals("810548656c6c6f", ws.outputHex());
        }
        // The HTTP channel's producer is gone: the transport belongs to the WebSocket.
        assertNull(ws.wire.transport.producer());
    }

    @Test
    void framesSentWithTheRequestReachTheWebSocket() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        assertEquals(List.of("open"), app.events);
        // A client that did not wait for the 101: its first frame came in the handshake's packet.
        Recorder early = new Recorder(false);
        Resource root = new Resource();
        root.putChild("ws", echo(early));
        Wire wire = new Wire(new Site(root));
        byte[] request = ("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WsWire.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request);
        both.writeBytes(WsWire.text("early"));
        wire.channel.dataReceived(both.toByteArray());
        assertEquals(List.of("open", "text:early"), early.events);
    }

    @Test
    void pingIsAnsweredAndFragmentsAreJoined() throws WebSocketException {
        Recorder app = new Recorder(true);
        WsWire ws = new WsWire(echo(app), "");
        ws.send(clientFrame(Opcode.TEXT, false, "Hel".getBytes(StandardCharsets.UTF_8)), true);
        ws.send(clientFrame(Opcode.PING, true, "hi".getBytes(StandardCharsets.UTF_8)), false);
        ws.send(clientFrame(Opcode.CONTINUATION, true, "lo".getBytes(StandardCharsets.UTF_8)), true);
        List<Frame> frames = serverFrames(ws.wire.transport.value());
        assertEquals(Opcode.PONG, frames.get(0).opcode());
        assertEquals("hi", new String(frames.get(0).payload(), StandardCharsets.UTF_8));
        assertEquals("Hello", new String(frames.get(1).payload(), StandardCharsets.UTF_8));
        assertEquals(List.of("open", "ping:hi", "text:Hello"), app.events);
    }

    @Test
    void theServerClosesAndWaitsForTheAnswerWithinTheCloseTimeout() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        app.socket.close(4000, "bye");
        assertEquals("88050fa0627965", ws.outputHex());
        assertEquals(WebSocketState.CLOSE_SENT, app.socket.state());
        assertFalse(ws.wire.transport.isDisconnecting());
        // No more messages go out after the Close.
        app.socket.sendText("late");
        assertEquals("88050fa0627965", ws.outputHex());
        // The client still sends a message, then answers.
        ws.send(WsWire.text("in flight"), false);
        ws.send(clientFrame(Opcode.CLOSE, true, HEX.parseHex("0fa0")), false);
        assertTrue(ws.wire.transport.isDisconnecting());
        ws.wire.transport.closeConnection(ws.wire.channel, true);
        assertEquals(List.of("open", "text:in flight", "close-frame:4000:", "closed:4000:true"), app.events);
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsCutAfterTheTimeout() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        app.socket.close();
        ws.wire.clock.advance(Duration.ofSeconds(4));
        assertFalse(ws.wire.transport.isDisconnecting());
        ws.wire.clock.advance(Duration.ofSeconds(1));
        assertTrue(ws.wire.transport.isDisconnecting());
        ws.wire.transport.closeConnection(ws.wire.channel, false);
        assertEquals(1006, app.closed.code());
        assertFalse(app.closed.clean());
    }

    @Test
    void aClientCloseWithoutCodeIsAnsweredWithoutCode() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        ws.send(clientFrame(Opcode.CLOSE, true, new byte[0]), true);
        assertEquals("8800", ws.outputHex());
        assertTrue(ws.wire.transport.isDisconnecting());
        ws.wire.transport.closeConnection(ws.wire.channel, true);
        assertEquals(1005, app.closed.code());
        assertTrue(app.closed.clean());
    }

    @Test
    void aLostConnectionIsAbnormal() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        ws.wire.transport.closeConnection(ws.wire.channel, false);
        assertEquals(List.of("open", "closed:1006:false"), app.events);
    }

    @Test
    void aHandlerThatThrowsFailsTheConnectionWith1011() {
        WebSocketProtocol broken = new WebSocketProtocol() {
            @Override
            public void onText(String text) {
                throw new IllegalStateException("application bug");
            }
        };
        WsWire ws = new WsWire(new WebSocketResource(request -> broken), "");
        ws.send(WsWire.text("boom"), false);
        assertEquals("880203f3", ws.outputHex());
        assertTrue(ws.wire.transport.isDisconnecting());
    }

    @Test
    void permessageDeflateBothWaysWithContextTakeover() throws WebSocketException {
        Recorder app = new Recorder(true);
        WsWire ws = new WsWire(echo(app), "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        assertTrue(ws.handshakeAnswer.contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"), ws.handshakeAnswer);
        assertTrue(app.socket.isCompressed());
        MessageDeflater client = new MessageDeflater(6, false);
        MessageInflater reader = new MessageInflater(false);
        for (int i = 0; i < 3; i++) {
            ws.wire.transport.clear();
            byte[] deflated = client.deflate("Hello".getBytes(StandardCharsets.UTF_8));
            ws.send(FrameEncoder.encode(Opcode.TEXT, true, true, deflated, WsWire.MASK), i == 1);
            Frame answer = serverFrames(ws.wire.transport.value()).get(0);
            assertTrue(answer.rsv1());
            if (i == 0) {
                // RFC 7692 section 7.2.3.1.
                assertArrayEquals(HEX.parseHex("f248cdc9c90700"), answer.payload());
            } else {
                // The second "Hello" refers back into the first (RFC 7692 section 7.2.3.2; zlib's bytes differ from the RFC's).
                assertTrue(answer.payload().length < 7, HEX.formatHex(answer.payload()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            reader.inflate(answer.payload(), true, out, 100);
            assertEquals("Hello", out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("open", "text:Hello", "text:Hello", "text:Hello"), app.events);
    }

    @Test
    void noContextTakeoverIsHonoured() throws WebSocketException {
        Recorder app = new Recorder(true);
        WsWire ws = new WsWire(echo(app), "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n");
        assertTrue(ws.handshakeAnswer.contains("\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\n"));
        MessageDeflater client = new MessageDeflater(6, false);
        for (int i = 0; i < 2; i++) {
            ws.wire.transport.clear();
            ws.send(FrameEncoder.encode(Opcode.TEXT, true, true, client.deflate("Hello".getBytes(StandardCharsets.UTF_8)), WsWire.MASK), false);
            assertArrayEquals(HEX.parseHex("f248cdc9c90700"), serverFrames(ws.wire.transport.value()).get(0).payload());
        }
    }

    @Test
    void pausingStopsDeliveryUntilResumed() {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        WebSocket socket = app.socket;
        socket.pauseProducing();
        assertEquals(StringTransport.ProducerState.PAUSED, ws.wire.transport.producerState());
        ws.send(WsWire.text("one"), false);
        ws.send(WsWire.text("two"), false);
        assertEquals(List.of("open"), app.events);
        socket.resumeProducing();
        assertEquals(StringTransport.ProducerState.PRODUCING, ws.wire.transport.producerState());
        assertEquals(List.of("open", "text:one", "text:two"), app.events);
    }

    @Test
    void aProducerRegisteredOnTheSocketIsTheTransportsAndWritesBinaryMessages() throws WebSocketException {
        Recorder app = new Recorder(false);
        WsWire ws = new WsWire(echo(app), "");
        PushProducer producer = new PushProducer() {
            @Override
            public void pauseProducing() {
            }

            @Override
            public void resumeProducing() {
            }

            @Override
            public void stopProducing() {
            }
        };
        app.socket.registerProducer(producer, true);
        assertTrue(ws.wire.transport.producer() == producer, "the transport pauses it above its high-water mark");
        app.socket.write(new byte[] {1, 2, 3});
        Frame frame = serverFrames(ws.wire.transport.value()).get(0);
        assertEquals(Opcode.BINARY, frame.opcode());
        assertArrayEquals(new byte[] {1, 2, 3}, frame.payload());
        app.socket.unregisterProducer();
        assertNull(ws.wire.transport.producer());
    }

    @Test
    void closeArgumentsAreChecked() {
        Recorder app = new Recorder(false);
        new WsWire(echo(app), "");
        assertThrows(IllegalArgumentException.class, () -> app.socket.close(1005, ""));
        assertThrows(IllegalArgumentException.class, () -> app.socket.close(1000, "x".repeat(124)));
        assertThrows(IllegalArgumentException.class, () -> app.socket.ping(new byte[126]));
    }

    @Test
    void aFactoryReturningNullRefusesWith403() {
        Resource root = new Resource();
        root.putChild("ws", new WebSocketResource(request -> null));
        Wire wire = new Wire(new Site(root));
        wire.send("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + WsWire.KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(wire.output().startsWith("HTTP/1.1 403 Forbidden\r\n"), wire.output());
    }
}
