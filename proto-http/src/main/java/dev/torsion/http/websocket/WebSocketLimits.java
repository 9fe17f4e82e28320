package dev.torsion.http.websocket;

import java.time.Duration;
import java.util.Objects;

/**
 * Every WebSocket limit, with its default and what exceeding it earns. The records refuse zero or
 * negative values, naming the field.
 *
 * @param maxFramePayload the largest frame payload accepted (default 16 MiB, as the message: peers
 *        commonly send a message as one frame); a larger frame is refused from its header, before its
 *        payload is read: close 1009 (message too big). Messages larger than it are sent in fragments
 *        of this size
 * @param maxMessageSize the largest message accepted, counted after decompression (default 16 MiB);
 *        a larger one (a decompression bomb too) is refused as soon as it passes the limit: close 1009
 * @param closeTimeout how long the closing handshake may take (default 5 s): after sending a Close
 *        frame, the peer's Close must come within it; a server's peer that does not close the TCP
 *        connection, or a client's server that does not, is then cut
 * @param handshakeTimeout how long a client waits for the server's 101 answer (default 10 s): the
 *        connection attempt then fails
 * @param compressionLevel the deflate level of permessage-deflate (default 6, zlib's)
 * @param idleTimeout how long the connection may go without a byte from the peer after the opening
 *        handshake (null, the default: no limit); then this side closes it with 1001 (going away),
 *        the closing handshake having its own deadline. Time while this side has paused reading
 *        does not count
 * @param pingInterval how long without a byte from the peer before this side sends a Ping (null, the
 *        default: none): keeps NATs and proxies from dropping a quiet connection, and with an idle
 *        timeout longer than it, tells a live peer (whose Pong resets the idle time) from a dead one
 */
public record WebSocketLimits(int maxFramePayload, long maxMessageSize, Duration closeTimeout,
        Duration handshakeTimeout, int compressionLevel, Duration idleTimeout, Duration pingInterval) {
    /** The defaults. */
    public static final WebSocketLimits DEFAULT = new WebSocketLimits(16 << 20, 16L << 20,
            Duration.ofSeconds(5), Duration.ofSeconds(10), 6, null, null);

    /** Limits without an idle timeout or pings. */
    public WebSocketLimits(int maxFramePayload, long maxMessageSize, Duration closeTimeout, Duration handshakeTimeout,
            int compressionLevel) {
        this(maxFramePayload, maxMessageSize, closeTimeout, handshakeTimeout, compressionLevel, null, null);
    }

    /** Checks every field. */
    public WebSocketLimits {
        if (maxFramePayload <= 0) {
            throw new IllegalArgumentException("maxFramePayload must be positive: " + maxFramePayload);
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("maxMessageSize must be positive: " + maxMessageSize);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
        if (compressionLevel < 0 || compressionLevel > 9) {
            throw new IllegalArgumentException("compressionLevel must be 0 to 9: " + compressionLevel);
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout must be positive (null: none): " + idleTimeout);
        }
        if (pingInterval != null && (pingInterval.isNegative() || pingInterval.isZero())) {
            throw new IllegalArgumentException("pingInterval must be positive (null: none): " + pingInterval);
        }
    }

    /** These limits with another frame payload limit. */
    public WebSocketLimits withMaxFramePayload(int bytes) {
        return new WebSocketLimits(bytes, maxMessageSize, closeTimeout, handshakeTimeout, compressionLevel, idleTimeout, pingInterval);
    }

    /** These limits with another message size limit. */
    public WebSocketLimits withMaxMessageSize(long bytes) {
        return new WebSocketLimits(maxFramePayload, bytes, closeTimeout, handshakeTimeout, compressionLevel, idleTimeout, pingInterval);
    }

    /** These limits with another closing handshake deadline. */
    public WebSocketLimits withCloseTimeout(Duration timeout) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, timeout, handshakeTimeout, compressionLevel, idleTimeout, pingInterval);
    }

    /** These limits with another opening handshake deadline. */
    public WebSocketLimits withHandshakeTimeout(Duration timeout) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, closeTimeout, timeout, compressionLevel, idleTimeout, pingInterval);
    }

    /** These limits with an idle timeout after the opening handshake (null: none). */
    public WebSocketLimits withIdleTimeout(Duration timeout) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, closeTimeout, handshakeTimeout, compressionLevel,
                timeout, pingInterval);
    }

    /** These limits with a keep-alive Ping after {@code interval} without a byte from the peer (null: none). */
    public WebSocketLimits withPingInterval(Duration interval) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, closeTimeout, handshakeTimeout, compressionLevel,
                idleTimeout, interval);
    }
}
