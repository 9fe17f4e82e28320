package dev.torsion.socks;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit the SOCKS server applies, with its default and what exceeding it earns.
 *
 * @param maxUserIdLength longest SOCKS4 USERID accepted (default 255 bytes; longer earns the SOCKS4
 *     reply 91, "request rejected or failed", and the connection is closed)
 * @param maxDomainLength longest SOCKS4a domain name accepted (default 255 bytes, as SOCKS5's
 *     one-byte length allows; longer earns reply 91)
 * @param maxHandshakeBytes most bytes buffered before the handshake is done (default 2048; a client
 *     that sends more before it is answered is disconnected without a reply)
 * @param handshakeTimeout time allowed from the connection to the CONNECT reply, resolution and
 *     connection included (default 30 s; the connection is then aborted without a reply)
 * @param connectTimeout time allowed to reach the destination (default 20 s; then SOCKS5 reply 4,
 *     "host unreachable", or SOCKS4 reply 91)
 */
public record SocksLimits(int maxUserIdLength, int maxDomainLength, int maxHandshakeBytes,
        Duration handshakeTimeout, Duration connectTimeout) {

    /** The defaults listed above. */
    public static final SocksLimits DEFAULT =
            new SocksLimits(255, 255, 2048, Duration.ofSeconds(30), Duration.ofSeconds(20));

    /**
     * Checks the limits: timeouts positive, a USERID of at most 255 bytes, names of 1 to 255 bytes, and a handshake buffer of at
     * least 600 bytes, so that the largest message (a SOCKS4a request, 520 bytes) always fits.
     */
    public SocksLimits {
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxUserIdLength < 0 || maxUserIdLength > 255 || maxDomainLength < 1 || maxDomainLength > 255 || maxHandshakeBytes < 600) {
            throw new IllegalArgumentException("limits out of range: " + maxUserIdLength + ", " + maxDomainLength
                    + ", " + maxHandshakeBytes);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || connectTimeout.isNegative()
                || connectTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
