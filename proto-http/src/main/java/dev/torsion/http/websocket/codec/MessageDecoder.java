package dev.torsion.http.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Assembles frames into messages (RFC 6455 sections 5.4 to 5.6): control frames pass through at
 * once, even between the fragments of a message; data frames are joined, decompressed when RSV1
 * says so (RFC 7692 section 6.2), counted against the message limit and, for text, validated as
 * UTF-8 as each piece arrives (section 8.1), across fragment boundaries.
 *
 * <p>Refused: a continuation with no message begun, a new message before the last one ended
 * (section 5.4), a Close payload of one byte or with a code that may not be sent (section 7.4):
 * 1002; text or a close reason that is not UTF-8: 1007; a message over its limit: 1009.
 */
public final class MessageDecoder {
    private final long maxMessageSize;
    private final MessageInflater inflater;
    private final Utf8Validator utf8 = new Utf8Validator();

    private Opcode type;
    private boolean compressed;
    private Bytes data;
    private long size;
    private int validated;

    /** A decoder refusing messages over {@code maxMessageSize}; {@code inflater} is null without permessage-deflate. */
    public MessageDecoder(long maxMessageSize, MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.inflater = inflater;
    }

    /** Whether a fragmented message has begun and not ended. */
    public boolean isInsideMessage() {
        return type != null;
    }

    /** Takes a frame; returns the message it completes, or null when the message goes on. */
    public Message frame(Frame frame) throws WebSocketException {
        return switch (frame.opcode()) {
            case CLOSE -> close(frame.payload());
            case PING -> new Message.Ping(frame.payload());
            case PONG -> new Message.Pong(frame.payload());
            case CONTINUATION -> continuation(frame);
            case TEXT, BINARY -> begin(frame);
        };
    }

    private Message begin(Frame frame) throws WebSocketException {
        if (type != null) {
            // RFC 6455 section 5.4: the fragments of one message are not interleaved with another's.
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a new " + frame.opcode() + " message inside a fragmented one");
        }
        type = frame.opcode();
        compressed = frame.rsv1();
        data = new Bytes(frame.fin() ? Math.max(1, frame.payload().length) : 1024);
        size = 0;
        validated = 0;
        utf8.reset();
        return append(frame);
    }

    private Message continuation(Frame frame) throws WebSocketException {
        if (type == null) {
            // RFC 6455 section 5.4: a continuation frame continues a message begun before.
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a continuation frame with no message begun");
        }
        return append(frame);
    }

    private Message append(Frame frame) throws WebSocketException {
        byte[] payload = frame.payload();
        if (compressed) {
            inflater.inflate(payload, frame.fin(), data, maxMessageSize - data.size());
        } else {
            if (size + payload.length > maxMessageSize) {
                throw new WebSocketException(CloseCodes.MESSAGE_TOO_BIG,
                        "message of more than " + maxMessageSize + " bytes");
            }
            data.write(payload, 0, payload.length);
        }
        size = data.size();
        if (type == Opcode.TEXT) {
            validateNewBytes();
        }
        if (!frame.fin()) {
            return null;
        }
        return end();
    }

    /** RFC 6455 section 8.1: text is failed at its first byte that cannot be UTF-8. */
    private void validateNewBytes() throws WebSocketException {
        int total = data.size();
        if (total > validated) {
            if (!utf8.feed(data.raw(), validated, total - validated)) {
                throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "text message that is not UTF-8");
            }
            validated = total;
        }
    }

    private Message end() throws WebSocketException {
        Opcode ended = type;
        byte[] bytes = data.toByteArray();
        type = null;
        data = null;
        if (ended == Opcode.BINARY) {
            return new Message.Binary(bytes);
        }
        if (!utf8.isComplete()) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "text message ending inside a UTF-8 sequence");
        }
        return new Message.Text(new String(bytes, StandardCharsets.UTF_8));
    }

    /** RFC 6455 section 5.5.1: no payload, or a two-byte code and a UTF-8 reason. */
    private static Message close(byte[] payload) throws WebSocketException {
        if (payload.length == 0) {
            return new Message.Close(CloseCodes.NO_STATUS, "");
        }
        if (payload.length == 1) {
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a Close payload of one byte");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isSendable(code)) {
            // RFC 6455 section 7.4: a code reserved or unassigned is a protocol error.
            throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "close code " + code + " may not be sent");
        }
        Utf8Validator reason = new Utf8Validator();
        if (!reason.feed(payload, 2, payload.length - 2) || !reason.isComplete()) {
            throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "close reason that is not UTF-8");
        }
        return new Message.Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /** A growing buffer whose bytes can be read in place. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        byte[] raw() {
            return buf;
        }
    }
}
