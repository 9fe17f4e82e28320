package dev.torsion.ssh;

import java.time.Duration;

/**
 * Every limit of the SSH server and client, with its default and the reply it earns when a peer
 * passes it.
 *
 * @param maxPacketLength     largest {@code packet_length} accepted (default 256 KiB; RFC 4253
 *                            section 6.1 requires 35000): SSH_DISCONNECT_PROTOCOL_ERROR
 * @param maxVersionLineLength longest identification line, CR LF included (default 255, RFC 4253
 *                            section 4.2): the connection is closed with a plain-text refusal line
 * @param maxPreVersionLines  lines a server may send before its identification (default 100): the
 *                            client closes
 * @param versionTimeout      time to get the peer's identification line (default 30 s): closed
 * @param loginGraceTime      time to log in after the connection opens (default 120 s):
 *                            SSH_DISCONNECT_BY_APPLICATION ("login grace time exceeded")
 * @param maxAuthAttempts     failed authentication requests before disconnecting (default 6, as
 *                            OpenSSH's MaxAuthTries): SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE
 * @param maxChannels         open channels per connection (default 10, as OpenSSH's MaxSessions):
 *                            SSH_MSG_CHANNEL_OPEN_FAILURE with SSH_OPEN_RESOURCE_SHORTAGE
 * @param channelWindow       the window each channel offers the peer (default 2 MiB); data beyond
 *                            the window: SSH_DISCONNECT_PROTOCOL_ERROR
 * @param channelMaxPacket    the largest data packet each channel accepts (default 32 KiB); a
 *                            larger one: SSH_DISCONNECT_PROTOCOL_ERROR
 * @param maxEnvVariables     {@code env} requests honoured per session (default 32); more: CHANNEL_FAILURE
 * @param rekeyBytes          bytes (either direction) after which the keys are renewed (default 1 GiB,
 *                            RFC 4253 section 9)
 * @param rekeyInterval       time after which the keys are renewed (default 1 hour, RFC 4253 section 9)
 * @param minKexInterval      a peer starting key exchanges faster than this (default 1 s) more than
 *                            {@code maxQuickKex} times is a flood: SSH_DISCONNECT_PROTOCOL_ERROR
 * @param maxQuickKex         how many quick re-exchanges are forgiven (default 10)
 * @param idleTimeout         a connection that receives nothing for this long is closed with
 *                            SSH_DISCONNECT_BY_APPLICATION ("idle timeout") (default 0: none)
 */
public record SshLimits(
        int maxPacketLength,
        int maxVersionLineLength,
        int maxPreVersionLines,
        Duration versionTimeout,
        Duration loginGraceTime,
        int maxAuthAttempts,
        int maxChannels,
        int channelWindow,
        int channelMaxPacket,
        int maxEnvVariables,
        long rekeyBytes,
        Duration rekeyInterval,
        Duration minKexInterval,
        int maxQuickKex,
        Duration idleTimeout) {

    /** The defaults listed above. */
    public static final SshLimits DEFAULTS = new SshLimits(256 * 1024, 255, 100, Duration.ofSeconds(30),
            Duration.ofSeconds(120), 6, 10, 2 * 1024 * 1024, 32 * 1024, 32, 1L << 30, Duration.ofHours(1),
            Duration.ofSeconds(1), 10, Duration.ZERO);

    /** Checks the values. */
    public SshLimits {
        if (maxPacketLength < 35000) {
            throw new IllegalArgumentException("maxPacketLength below RFC 4253's 35000");
        }
        if (maxVersionLineLength < 16 || maxAuthAttempts < 1 || maxChannels < 1 || channelMaxPacket < 1024
                || channelWindow < channelMaxPacket || rekeyBytes < 1 << 16) {
            throw new IllegalArgumentException("limit out of range");
        }
    }

    /** A copy with another maximum packet length. */
    public SshLimits withMaxPacketLength(int value) {
        return new SshLimits(value, maxVersionLineLength, maxPreVersionLines, versionTimeout, loginGraceTime,
                maxAuthAttempts, maxChannels, channelWindow, channelMaxPacket, maxEnvVariables, rekeyBytes,
                rekeyInterval, minKexInterval, maxQuickKex, idleTimeout);
    }

    /** A copy with other rekey thresholds. */
    public SshLimits withRekey(long bytes, Duration interval) {
        return new SshLimits(maxPacketLength, maxVersionLineLength, maxPreVersionLines, versionTimeout,
                loginGraceTime, maxAuthAttempts, maxChannels, channelWindow, channelMaxPacket, maxEnvVariables,
                bytes, interval, minKexInterval, maxQuickKex, idleTimeout);
    }

    /** A copy with another idle timeout (zero: none). */
    public SshLimits withIdleTimeout(Duration value) {
        return new SshLimits(maxPacketLength, maxVersionLineLength, maxPreVersionLines, versionTimeout, loginGraceTime,
                maxAuthAttempts, maxChannels, channelWindow, channelMaxPacket, maxEnvVariables, rekeyBytes,
                rekeyInterval, minKexInterval, maxQuickKex, value);
    }

    /** A copy with another attempt limit and channel limit. */
    public SshLimits withAuthAndChannels(int attempts, int channels) {
        return new SshLimits(maxPacketLength, maxVersionLineLength, maxPreVersionLines, versionTimeout,
                loginGraceTime, attempts, channels, channelWindow, channelMaxPacket, maxEnvVariables, rekeyBytes,
                rekeyInterval, minKexInterval, maxQuickKex, idleTimeout);
    }
}
