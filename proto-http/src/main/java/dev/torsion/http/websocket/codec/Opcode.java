package dev.torsion.http.websocket.codec;

/** The frame opcodes of RFC 6455 section 5.2; the others are reserved and refused (1002). */
public enum Opcode {
    /** A continuation of a fragmented message (0x0). */
    CONTINUATION(0x0),
    /** The first frame of a text message (0x1). */
    TEXT(0x1),
    /** The first frame of a binary message (0x2). */
    BINARY(0x2),
    /** Close (0x8), a control frame. */
    CLOSE(0x8),
    /** Ping (0x9), a control frame. */
    PING(0x9),
    /** Pong (0xA), a control frame. */
    PONG(0xA);

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The four-bit code on the wire. */
    public int code() {
        return code;
    }

    /** Whether this is a control frame (RFC 6455 section 5.5: the opcodes with the high bit set). */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /** The opcode of {@code code}, or null when it is reserved. */
    public static Opcode of(int code) {
        return switch (code) {
            case 0x0 -> CONTINUATION;
            case 0x1 -> TEXT;
            case 0x2 -> BINARY;
            case 0x8 -> CLOSE;
            case 0x9 -> PING;
            case 0xA -> PONG;
            default -> null;
        };
    }
}
