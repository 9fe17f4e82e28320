package dev.torsion.http.websocket;

import dev.torsion.internet.Address;
import dev.torsion.internet.Consumer;
import dev.torsion.internet.Producer;
import dev.torsion.internet.PushProducer;

/**
 * One open WebSocket connection, as its {@link WebSocketProtocol} holds it: sends messages, closes,
 * and steers the flow both ways. As a {@link Consumer} it takes a producer whose writes become
 * binary messages, paused while the connection's output is above its high-water mark; as a
 * {@link PushProducer}, pausing it stops reading messages from the peer (and the peer, its TCP
 * window full, stops sending). Use it on the reactor thread only.
 */
public interface WebSocket extends Consumer, PushProducer {
    /** Sends a text message. Ignored once this side has sent its Close. */
    void sendText(String text);

    /** Sends a binary message. Ignored once this side has sent its Close. */
    void sendBinary(byte[] data);

    /** A binary message: as {@link #sendBinary}, so that a producer can stream into the connection. */
    @Override
    default void write(byte[] data) {
        sendBinary(data);
    }

    /** Sends a Ping with up to 125 bytes of data (RFC 6455 section 5.5.2). */
    void ping(byte[] data);

    /**
     * Starts the closing handshake (RFC 6455 section 7.1.2) with {@code code} (1000, 1001, 1008,
     * 3000-4999, ...) and a reason of at most 123 UTF-8 bytes. The peer's Close must come within
     * the close timeout, after which the connection is cut.
     */
    void close(int code, String reason);

    /** Closes normally (1000). */
    default void close() {
        close(1000, "");
    }

    /** Where the connection is in its life. */
    WebSocketState state();

    /** The subprotocol agreed in the handshake, or null. */
    String subprotocol();

    /** Whether permessage-deflate was agreed. */
    boolean isCompressed();

    /** The peer's address. */
    Address getPeer();

    /** Registers a producer whose writes are sent as binary messages, with the transport's flow control. */
    @Override
    void registerProducer(Producer producer, boolean streaming);

    /** Unregisters the producer. */
    @Override
    void unregisterProducer();
}
