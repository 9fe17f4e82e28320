package dev.torsion.http.websocket.codec;

/** A whole message or control frame, as {@link MessageDecoder} hands it out. */
public sealed interface Message {
    /** A text message, validated as UTF-8. */
    record Text(String text) implements Message {
    }

    /** A binary message. */
    record Binary(byte[] data) implements Message {
    }

    /** A Ping with its application data. */
    record Ping(byte[] data) implements Message {
    }

    /** A Pong with its application data. */
    record Pong(byte[] data) implements Message {
    }

    /** A Close: its code (1005 when the frame had none) and reason. */
    record Close(int code, String reason) implements Message {
    }
}
