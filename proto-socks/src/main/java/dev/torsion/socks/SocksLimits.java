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
 * @param bindTimeout time a BIND waits for its incoming connection after the first reply (default
 *     120 s; then the second reply is SOCKS5 X'04' or SOCKS4 91 and the connection is closed)
 * @param udpIdleTimeout time a UDP association may pass without a datagram either way (default
 *     5 min; then its control connection is closed, which ends the association)
 * @param maxUdpPayload largest payload relayed in one datagram either way (default 8192 bytes;
 *     larger datagrams are dropped and counted as {@code OVERSIZED})
 * @param maxUdpAssociationsPerClient most UDP associations open at once from one client address
 *     (default 8; one more earns X'01' and the connection is closed)
 * @param maxUdpDestinations most destinations one association remembers as having been sent to,
 *     whose answers it passes back (default 256; the oldest is forgotten first)
 * @param maxUdpPendingResolutions most names one association resolves at once for its datagrams
 *     (default 16; datagrams beyond are dropped and counted as {@code RESOLVER_BUSY})
 */
public record SocksLimits(int maxUserIdLength, int maxDomainLength, int maxHandshakeBytes,
        Duration handshakeTimeout, Duration connectTimeout, Duration bindTimeout, Duration udpIdleTimeout,
        int maxUdpPayload, int maxUdpAssociationsPerClient, int maxUdpDestinations, int maxUdpPendingResolutions) {

    /** The most payload one UDP datagram over IPv4 carries: 65535 less the IP and UDP headers. */
    public static final int UDP_PAYLOAD_CEILING = 65507;

    /** The defaults listed above. */
    public static final SocksLimits DEFAULT = new SocksLimits(255, 255, 2048, Duration.ofSeconds(30),
            Duration.ofSeconds(20), Duration.ofMinutes(2), Duration.ofMinutes(5), 8192, 8, 256, 16);

    /**
     * Checks the limits: timeouts positive, a USERID of at most 255 bytes, names of 1 to 255 bytes, a
     * handshake buffer of at least 600 bytes, so that the largest message (a SOCKS4a request, 520
     * bytes) always fits, a UDP payload of 1 to 65507 bytes, and UDP counts of at least one.
     */
    public SocksLimits {
        if (maxUserIdLength < 0 || maxUserIdLength > 255 || maxDomainLength < 1 || maxDomainLength > 255 || maxHandshakeBytes < 600) {
            throw new IllegalArgumentException("limits out of range: " + maxUserIdLength + ", " + maxDomainLength
                    + ", " + maxHandshakeBytes);
        }
        for (Duration timeout : new Duration[] {handshakeTimeout, connectTimeout, bindTimeout, udpIdleTimeout}) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }
        if (maxUdpPayload < 1 || maxUdpPayload > UDP_PAYLOAD_CEILING || maxUdpAssociationsPerClient < 1
                || maxUdpDestinations < 1 || maxUdpPendingResolutions < 1) {
            throw new IllegalArgumentException("UDP limits out of range: " + maxUdpPayload + ", "
                    + maxUdpAssociationsPerClient + ", " + maxUdpDestinations + ", " + maxUdpPendingResolutions);
        }
    }

    /** These limits with another BIND timeout. */
    public SocksLimits withBindTimeout(Duration timeout) {
        return new SocksLimits(maxUserIdLength, maxDomainLength, maxHandshakeBytes, handshakeTimeout, connectTimeout,
                timeout, udpIdleTimeout, maxUdpPayload, maxUdpAssociationsPerClient, maxUdpDestinations,
                maxUdpPendingResolutions);
    }

    /** These limits with another UDP idle timeout. */
    public SocksLimits withUdpIdleTimeout(Duration timeout) {
        return new SocksLimits(maxUserIdLength, maxDomainLength, maxHandshakeBytes, handshakeTimeout, connectTimeout,
                bindTimeout, timeout, maxUdpPayload, maxUdpAssociationsPerClient, maxUdpDestinations,
                maxUdpPendingResolutions);
    }

    /** These limits with other UDP payload and association limits. */
    public SocksLimits withUdp(int payload, int associationsPerClient) {
        return new SocksLimits(maxUserIdLength, maxDomainLength, maxHandshakeBytes, handshakeTimeout, connectTimeout,
                bindTimeout, udpIdleTimeout, payload, associationsPerClient, maxUdpDestinations,
                maxUdpPendingResolutions);
    }
}
