package dev.torsion.http.websocket;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.http.resource.Resource;
import dev.torsion.http.resource.Site;
import dev.torsion.http.support.Wire;
import dev.torsion.http.websocket.codec.FrameEncoder;
import dev.torsion.http.websocket.codec.Opcode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A site with a WebSocket resource at /ws on a memory transport, after its handshake. */
public final class WsWire {
    public static final byte[] MASK = HexFormat.of().parseHex("37fa213d");
    public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    public final Wire wire;
    public final String handshakeAnswer;

    public WsWire(Resource webSocket, String extraHeaders) {
        Resource root = new Resource();
        root.putChild("ws", webSocket);
        wire = new Wire(new Site(root));
        wire.send("GET /ws HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + KEY + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n");
        handshakeAnswer = wire.output();
        assertTrue(handshakeAnswer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), handshakeAnswer);
        wire.transport.clear();
    }

    /** A frame as a client sends it: masked. */
    public static byte[] clientFrame(Opcode opcode, boolean fin, byte[] payload) {
        return FrameEncoder.encode(opcode, fin, false, payload, MASK);
    }

    public static byte[] text(String text) {
        return clientFrame(Opcode.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    public WsWire send(byte[] bytes, boolean byteByByte) {
        if (!byteByByte) {
            wire.channel.dataReceived(bytes.clone());
            return this;
        }
        for (byte b : bytes) {
            wire.channel.dataReceived(new byte[] {b});
        }
        return this;
    }

    public String outputHex() {
        return HexFormat.of().formatHex(wire.transport.value());
    }
}
