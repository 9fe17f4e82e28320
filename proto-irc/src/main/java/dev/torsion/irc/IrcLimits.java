package dev.torsion.irc;

import java.time.Duration;

/**
 * Every limit the IRC server enforces, with its default and the reply it earns.
 *
 * @param lineBytes longest message without its tags, CR LF included (RFC 1459 §2.3, Modern IRC
 *     "Message format": 512); a longer line earns {@code 417 ERR_INPUTTOOLONG} and is dropped, the
 *     connection stays
 * @param tagBytes longest tag section, {@code @} and the space after it included (IRCv3
 *     message-tags: 8191); a longer one earns {@code 417 ERR_INPUTTOOLONG} and the line is dropped
 * @param clientTagBytes longest tag data a client may send, without the {@code @} and the space
 *     (IRCv3 message-tags: "Clients MUST NOT send messages with tag data exceeding 4094 bytes"),
 *     leaving the rest of the 8191 to the tags the server adds; more earn {@code 417}
 * @param nickLength longest nickname (ISUPPORT NICKLEN); a longer one earns
 *     {@code 432 ERR_ERRONEUSNICKNAME}
 * @param channelLength longest channel name (ISUPPORT CHANNELLEN); a longer one earns
 *     {@code 403 ERR_NOSUCHCHANNEL}
 * @param topicLength longest topic (ISUPPORT TOPICLEN); a longer one is cut there
 * @param awayLength longest away message (ISUPPORT AWAYLEN); a longer one is cut there
 * @param kickLength longest kick reason (ISUPPORT KICKLEN); a longer one is cut there
 * @param channelsPerUser channels one user may be in (ISUPPORT CHANLIMIT); the next JOIN earns
 *     {@code 405 ERR_TOOMANYCHANNELS}
 * @param targetsPerMessage targets of one PRIVMSG, NOTICE, JOIN or WHOIS (ISUPPORT TARGMAX); more
 *     earn {@code 407 ERR_TOOMANYTARGETS}
 * @param bansPerChannel entries of a channel's ban list (ISUPPORT MAXLIST); the next {@code +b}
 *     earns {@code 478 ERR_BANLISTFULL}
 * @param modesPerCommand parameter modes one MODE command may change (ISUPPORT MODES); the rest
 *     are ignored
 * @param floodPenalty what each command adds to the client's message timer (RFC 1459 §8.10)
 * @param floodAllowance how far the timer may run ahead of the clock before the server stops
 *     reading from the client until it catches up (RFC 1459 §8.10: 10 s)
 * @param receiveQueueBytes bytes received and not yet processed (while throttled); more earn
 *     {@code ERROR :Closing Link: ... (Excess Flood)} and the connection is closed
 * @param sendQueueBytes bytes sent to a client while its transport holds more unsent output than
 *     its high-water mark (the client reads too slowly); more earn a QUIT "Max SendQ exceeded" to
 *     its channels and an aborted connection
 * @param registrationTimeout time to complete registration; then {@code ERROR :Closing Link:
 *     ... (Registration timeout)}
 * @param pingInterval idle time after which the server sends {@code PING} (RFC 2812 §3.7.2)
 * @param pingTimeout time to answer that PING; then {@code ERROR :Closing Link: ... (Ping
 *     timeout)}
 * @param failedLogins failed SASL attempts per connection; the next one earns
 *     {@code 904 ERR_SASLFAIL} and the connection is closed
 * @param whowasEntries nicknames remembered for WHOWAS; the oldest are forgotten
 */
public record IrcLimits(int lineBytes, int tagBytes, int clientTagBytes, int nickLength, int channelLength, int topicLength,
        int awayLength, int kickLength, int channelsPerUser, int targetsPerMessage, int bansPerChannel,
        int modesPerCommand, Duration floodPenalty, Duration floodAllowance, int receiveQueueBytes, int sendQueueBytes,
        Duration registrationTimeout, Duration pingInterval, Duration pingTimeout, int failedLogins,
        int whowasEntries) {

    /** The defaults named in each component's description. */
    public static final IrcLimits DEFAULTS = new IrcLimits(512, 8191, 4094, 30, 50, 390, 200, 255, 50, 4, 100, 4,
            Duration.ofSeconds(1), Duration.ofSeconds(10), 65_536, 1_048_576, Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(60), 3, 1000);

    /** Checks that every limit is usable. */
    public IrcLimits {
        if (lineBytes < 512 || tagBytes < 512 || clientTagBytes < 1 || clientTagBytes > tagBytes - 2) {
            throw new IllegalArgumentException("IRC lines are at least 512 bytes, tags at least 512, a client's tags within them");
        }
        if (nickLength < 9 || channelLength < 2 || topicLength < 1 || awayLength < 1 || kickLength < 1) {
            throw new IllegalArgumentException("name and text lengths must be usable (NICKLEN at least 9, RFC 2812 §1.2.1)");
        }
        if (channelsPerUser < 1 || targetsPerMessage < 1 || bansPerChannel < 1 || modesPerCommand < 1
                || receiveQueueBytes < lineBytes + tagBytes || sendQueueBytes < lineBytes + tagBytes
                || failedLogins < 1 || whowasEntries < 0) {
            throw new IllegalArgumentException("IRC limits must be positive (queues at least one full line)");
        }
        for (Duration d : new Duration[] {floodPenalty, floodAllowance, registrationTimeout, pingInterval, pingTimeout}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("IRC durations cannot be negative");
            }
        }
    }

    /** These limits with a different message timer: {@code penalty} per command, {@code allowance} ahead. */
    public IrcLimits withFlood(Duration penalty, Duration allowance) {
        return new IrcLimits(lineBytes, tagBytes, clientTagBytes, nickLength, channelLength, topicLength, awayLength, kickLength,
                channelsPerUser, targetsPerMessage, bansPerChannel, modesPerCommand, penalty, allowance,
                receiveQueueBytes, sendQueueBytes, registrationTimeout, pingInterval, pingTimeout, failedLogins, whowasEntries);
    }

    /** These limits with another send queue bound. */
    public IrcLimits withSendQueue(int bytes) {
        return new IrcLimits(lineBytes, tagBytes, clientTagBytes, nickLength, channelLength, topicLength, awayLength, kickLength,
                channelsPerUser, targetsPerMessage, bansPerChannel, modesPerCommand, floodPenalty, floodAllowance,
                receiveQueueBytes, bytes, registrationTimeout, pingInterval, pingTimeout, failedLogins, whowasEntries);
    }

    /** These limits with fewer channels per user (ISUPPORT CHANLIMIT). */
    public IrcLimits withChannelsPerUser(int channels) {
        return new IrcLimits(lineBytes, tagBytes, clientTagBytes, nickLength, channelLength, topicLength, awayLength, kickLength,
                channels, targetsPerMessage, bansPerChannel, modesPerCommand, floodPenalty, floodAllowance,
                receiveQueueBytes, sendQueueBytes, registrationTimeout, pingInterval, pingTimeout, failedLogins, whowasEntries);
    }

    /** These limits with other keep-alive timers. */
    public IrcLimits withTimeouts(Duration registration, Duration interval, Duration timeout) {
        return new IrcLimits(lineBytes, tagBytes, clientTagBytes, nickLength, channelLength, topicLength, awayLength, kickLength,
                channelsPerUser, targetsPerMessage, bansPerChannel, modesPerCommand, floodPenalty, floodAllowance,
                receiveQueueBytes, sendQueueBytes, registration, interval, timeout, failedLogins, whowasEntries);
    }
}
