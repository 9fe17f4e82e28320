package dev.torsion.http.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A WebSocket application that records what happens to it, and echoes messages when asked to. */
public final class Recorder implements WebSocketProtocol {
    public final List<String> events = new ArrayList<>();
    public final boolean echo;
    public WebSocket socket;
    public CloseStatus closed;

    public Recorder(boolean echo) {
        this.echo = echo;
    }

    @Override
    public void onOpen(WebSocket opened) {
        socket = opened;
        events.add("open");
    }

    @Override
    public void onText(String text) {
        events.add("text:" + text);
        if (echo) {
            socket.sendText(text);
        }
    }

    @Override
    public void onBinary(byte[] data) {
        events.add("binary:" + data.length);
        if (echo) {
            socket.sendBinary(data);
        }
    }

    @Override
    public void onPing(byte[] data) {
        events.add("ping:" + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onPong(byte[] data) {
        events.add("pong:" + HexFormat.of().formatHex(data));
    }

    @Override
    public void onCloseFrame(int code, String reason) {
        events.add("close-frame:" + code + ":" + reason);
    }

    @Override
    public void onClose(CloseStatus status) {
        closed = status;
        events.add("closed:" + status.code() + ":" + status.clean());
    }
}
