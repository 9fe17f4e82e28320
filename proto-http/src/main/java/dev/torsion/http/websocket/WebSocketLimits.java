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
 */
public record WebSocketLimits(int maxFramePayload, long maxMessageSize, Duration closeTimeout,
        Duration handshakeTimeout, int compressionLevel) {
    /** The defaults. */
    public static final WebSocketLimits DEFAULT = new WebSocketLimits(16 << 20, 16L << 20,
            Duration.ofSeconds(5), Duration.ofSeconds(10), 6);

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
    }

    /** These limits with another frame payload limit. */
    public WebSocketLimits withMaxFramePayload(int bytes) {
        return new WebSocketLimits(bytes, maxMessageSize, closeTimeout, handshakeTimeout, compressionLevel);
    }

    /** These limits with another message size limit. */
    public WebSocketLimits withMaxMessageSize(long bytes) {
        return new WebSocketLimits(maxFramePayload, bytes, closeTimeout, handshakeTimeout, compressionLevel);
    }

    /** These limits with another closing handshake deadline. */
    public WebSocketLimits withCloseTimeout(Duration timeout) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, timeout, handshakeTimeout, compressionLevel);
    }

    /** These limits with another opening handshake deadline. */
    public WebSocketLimits withHandshakeTimeout(Duration timeout) {
        return new WebSocketLimits(maxFramePayload, maxMessageSize, closeTimeout, timeout, compressionLevel);
    }
}
