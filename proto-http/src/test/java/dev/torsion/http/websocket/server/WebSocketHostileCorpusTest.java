package dev.torsion.http.websocket.server;

import static dev.torsion.http.websocket.WsWire.clientFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.http.websocket.Recorder;
import dev.torsion.http.websocket.WebSocketLimits;
import dev.torsion.http.websocket.WsWire;
import dev.torsion.http.websocket.codec.FrameEncoder;
import dev.torsion.http.websocket.codec.MessageDeflater;
import dev.torsion.http.websocket.codec.Opcode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input to a WebSocket server, each with the exact close code it earns (the server's Close
 * frame, unmasked: {@code 88 02 <code>}) and the connection closed; replayed whole and byte by byte.
 * Then hostile opening handshakes, each with its exact HTTP status.
 */
class WebSocketHostileCorpusTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final WebSocketLimits LIMITS = WebSocketLimits.DEFAULT.withMaxFramePayload(4096).withMaxMessageSize(2000);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A masked frame with its first byte's bits set as given (RSV bits, reserved opcodes). */
    private static byte[] firstByte(int first, byte[] payload) {
        byte[] frame = clientFrame(Opcode.BINARY, true, payload);
        frame[0] = (byte) first;
        return frame;
    }

    private static byte[] compressed(Opcode opcode, boolean fin, byte[] deflated) {
        return FrameEncoder.encode(opcode, fin, true, deflated, WsWire.MASK);
    }

    static Stream<Arguments> frames() {
        byte[] bomb = new MessageDeflater(9, false).deflate(new byte[100_000]);
        List<Arguments> corpus = new ArrayList<>(List.of(
                // RFC 6455 section 5.1: a client's frames are masked.
                Arguments.of("unmasked text frame", false, HEX.parseHex("810548656c6c6f"), 1002),
                // Section 5.2: reserved opcodes and bits.
                Arguments.of("reserved data opcode 0x3", false, firstByte(0x83, new byte[0]), 1002),
                Arguments.of("reserved control opcode 0xB", false, firstByte(0x8B, new byte[0]), 1002),
                Arguments.of("RSV1 without permessage-deflate", false, firstByte(0xC2, new byte[1]), 1002),
                Arguments.of("RSV2", false, firstByte(0xA2, new byte[1]), 1002),
                Arguments.of("RSV3", false, firstByte(0x92, new byte[1]), 1002),
                // Section 5.5: control frames are short and whole.
                Arguments.of("fragmented ping", false, clientFrame(Opcode.PING, false, new byte[1]), 1002),
                Arguments.of("fragmented close", false, clientFrame(Opcode.CLOSE, false, new byte[2]), 1002),
                Arguments.of("ping of 126 bytes", false, clientFrame(Opcode.PING, true, new byte[126]), 1002),
                Arguments.of("close of 126 bytes", false, clientFrame(Opcode.CLOSE, true, new byte[126]), 1002),
                // Section 5.2: 64-bit lengths.
                Arguments.of("length 2^63", false, HEX.parseHex("82ff800000000000000037fa213d"), 1002),
                Arguments.of("length 2^64-1", false, HEX.parseHex("82ffffffffffffffffff37fa213d"), 1002),
                Arguments.of("length 2^63-1", false, HEX.parseHex("82ff7fffffffffffffff37fa213d"), 1009),
                Arguments.of("frame over the frame limit (16-bit length)", false, HEX.parseHex("82fe100137fa213d"), 1009),
                // Section 5.4: fragmentation.
                Arguments.of("continuation with no message", false, clientFrame(Opcode.CONTINUATION, true, utf8("x")), 1002),
                Arguments.of("text inside a fragmented text", false,
                        join(clientFrame(Opcode.TEXT, false, utf8("a")), clientFrame(Opcode.TEXT, true, utf8("b"))), 1002),
                Arguments.of("binary inside a fragmented text", false,
                        join(clientFrame(Opcode.TEXT, false, utf8("a")), clientFrame(Opcode.BINARY, true, utf8("b"))), 1002),
                // Section 8.1: text is UTF-8.
                Arguments.of("text not UTF-8", false, clientFrame(Opcode.TEXT, true, HEX.parseHex("cebae1bdb9cf83cebcceb5eda080656469746564")), 1007),
                Arguments.of("bad UTF-8 in the first fragment (fails fast)", false,
                        clientFrame(Opcode.TEXT, false, HEX.parseHex("cebae1bdb9cf83cebcceb5f4908080")), 1007),
                Arguments.of("text ending inside a character", false, clientFrame(Opcode.TEXT, true, HEX.parseHex("cebae1bd")), 1007),
                Arguments.of("overlong encoding", false, clientFrame(Opcode.TEXT, true, HEX.parseHex("c0af")), 1007),
                Arguments.of("bad UTF-8 in a continuation", false,
                        join(clientFrame(Opcode.TEXT, false, utf8("ok")), clientFrame(Opcode.CONTINUATION, true, HEX.parseHex("ff"))), 1007),
                // Section 5.5.1 and 7.4: close payloads and codes.
                Arguments.of("close of one byte", false, clientFrame(Opcode.CLOSE, true, new byte[] {3}), 1002),
                Arguments.of("close code 999", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03e7")), 1002),
                Arguments.of("close code 1004", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03ec")), 1002),
                Arguments.of("close code 1005", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03ed")), 1002),
                Arguments.of("close code 1006", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03ee")), 1002),
                Arguments.of("close code 1015", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03f7")), 1002),
                Arguments.of("close code 2999", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("0bb7")), 1002),
                Arguments.of("close code 5000", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("1388")), 1002),
                Arguments.of("close reason not UTF-8", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03e8ff")), 1007),
                // Limits.
                Arguments.of("message over the limit in fragments", false, join(clientFrame(Opcode.BINARY, false, new byte[1500]),
                        clientFrame(Opcode.CONTINUATION, true, new byte[501])), 1009),
                // RFC 7692: compressed frames.
                Arguments.of("decompression bomb", true, compressed(Opcode.BINARY, true, bomb), 1009),
                Arguments.of("compressed garbage", true, compressed(Opcode.BINARY, true, HEX.parseHex("ffffffff")), 1007),
                Arguments.of("RSV1 on a continuation", true, join(compressed(Opcode.TEXT, false, HEX.parseHex("f248")),
                        compressed(Opcode.CONTINUATION, true, HEX.parseHex("cdc9c90700"))), 1002),
                Arguments.of("RSV1 on a ping", true, compressed(Opcode.PING, true, new byte[0]), 1002),
                Arguments.of("compressed text not UTF-8", true,
                        compressed(Opcode.TEXT, true, new MessageDeflater(6, false).deflate(HEX.parseHex("c0af"))), 1007),
                // The baseline: a clean close is echoed.
                Arguments.of("a normal close (echoed)", false, clientFrame(Opcode.CLOSE, true, HEX.parseHex("03e8")), 1000)));
        List<Arguments> both = new ArrayList<>();
        for (Arguments entry : corpus) {
            Object[] values = entry.get();
            both.add(Arguments.of(values[0], values[1], values[2], values[3], false));
            both.add(Arguments.of(values[0], values[1], values[2], values[3], true));
        }
        return both.stream();
    }

    @ParameterizedTest(name = "{0} (byte by byte: {4}) -> {3}")
    @MethodSource("frames")
    void eachInputEarnsItsCloseCode(String name, boolean deflate, byte[] input, int code, boolean byteByByte) {
        Recorder app = new Recorder(true);
        WsWire ws = new WsWire(new WebSocketResource(request -> app, List.of(), LIMITS, true, origin -> true),
                deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "");
        ws.send(input, byteByByte);
        assertEquals(String.format("8802%04x", code), ws.outputHex(), name);
        assertTrue(ws.wire.transport.isDisconnecting(), name + ": the connection is closed");
        // Nothing after the failure is read as a frame.
        ws.send(WsWire.text("after"), false);
        assertEquals(String.format("8802%04x", code), ws.outputHex(), name);
        ws.wire.transport.closeConnection(ws.wire.channel, true);
        assertEquals(code, app.closed.code(), name);
        assertEquals(code == 1000, app.closed.clean(), name);
    }

    static Stream<Arguments> handshakes() {
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
        String key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        String version = "Sec-WebSocket-Version: 13\r\n";
        return Stream.of(
                Arguments.of("a plain GET", "GET /ws HTTP/1.1\r\nHost: h\r\n\r\n", "426 Upgrade Required"),
                Arguments.of("HTTP/1.0", "GET /ws HTTP/1.0\r\nHost: h\r\n" + upgrade + key + version + "\r\n", "400 Bad Request"),
                Arguments.of("POST", "POST /ws HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n" + upgrade + key + version + "\r\n", "400 Bad Request"),
                Arguments.of("Upgrade to something else", "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n" + key + version + "\r\n",
                        "426 Upgrade Required"),
                Arguments.of("no upgrade in Connection", "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n" + key + version + "\r\n",
                        "400 Bad Request"),
                Arguments.of("version 8", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + key + "Sec-WebSocket-Version: 8\r\n\r\n",
                        "426 Upgrade Required"),
                Arguments.of("no version", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + key + "\r\n", "426 Upgrade Required"),
                Arguments.of("two versions", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + key + version + version + "\r\n",
                        "426 Upgrade Required"),
                Arguments.of("no key", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + version + "\r\n", "400 Bad Request"),
                Arguments.of("a key of 15 bytes", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j\r\n" + version + "\r\n",
                        "400 Bad Request"),
                Arguments.of("a key not base64", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==\r\n" + version + "\r\n",
                        "400 Bad Request"),
                Arguments.of("two keys", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + key + key + version + "\r\n", "400 Bad Request"),
                Arguments.of("a foreign origin", "GET /ws HTTP/1.1\r\nHost: h\r\n" + upgrade + key + version + "Origin: https://evil.example\r\n\r\n",
                        "403 Forbidden"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("handshakes")
    void eachBadHandshakeEarnsItsStatus(String name, String request, String status) {
        for (boolean byteByByte : new boolean[] {false, true}) {
            Resource root = new Resource();
            root.putChild("ws", new WebSocketResource(r -> new Recorder(true), List.of(), WebSocketLimits.DEFAULT, true,
                    origin -> origin == null || origin.equals("https://good.example")));
            Wire wire = new Wire(new Site(root));
            wire.send(request, byteByByte);
            assertTrue(wire.output().startsWith("HTTP/1.1 " + status + "\r\n"), name + ":\n" + wire.output());
            if (status.startsWith("426")) {
                assertTrue(wire.output().contains("Sec-WebSocket-Version: 13\r\n"), wire.output());
            }
        }
    }
}
