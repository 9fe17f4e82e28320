package dev.torsion.nntp;

import java.time.Duration;

/**
 * Every limit the NNTP server and client enforce, with its default and the reply it earns.
 *
 * @param commandLineLength longest command line, CR LF included (RFC 3977 §3.1: 512); a longer
 *     one earns {@code 501 Line too long} and the connection is closed, since the rest of the line
 *     cannot be told from the next command
 * @param argumentLength longest single argument (RFC 3977 §3.1: 497 octets); a longer one earns
 *     {@code 501}
 * @param articleLineLength longest line of an article as sent, a stuffing dot counted and CR LF
 *     excluded (RFC 5322 §2.1.1: 998); a longer line is read to the end of the article, which is then refused
 *     with {@code 441} (POST) or {@code 437} (IHAVE)
 * @param articleSize most octets in one article (after dot-unstuffing, CR LF line ends); a larger
 *     one is read to its end and refused with {@code 441} or {@code 437}, and only the first
 *     {@code articleSize} octets are ever held in memory
 * @param headerCount most header fields in one article; more earn {@code 441} or {@code 437}
 * @param responseLineLength longest line of a multi-line response the client accepts
 *     (overview lines carry a whole subject; 64 KiB); a longer one fails the command
 * @param failedLogins failed AUTHINFO logins allowed per connection; the next failure earns
 *     {@code 481} and the connection is closed
 * @param errorsBeforeDisconnect {@code 5xx} replies allowed per connection before
 *     {@code 400 Too many errors} closes it
 * @param idleTimeout the idle timer (RFC 3977 §3.1: at least 3 minutes); then
 *     {@code 400 Idle timeout} and the connection closes
 */
public record NntpLimits(int commandLineLength, int argumentLength, int articleLineLength, long articleSize,
        int headerCount, int responseLineLength, int failedLogins, int errorsBeforeDisconnect,
        Duration idleTimeout) {

    /** The defaults: 512, 497, 998, 1 MiB, 256 headers, 64 KiB, 3 logins, 20 errors, 10 minutes. */
    public static final NntpLimits DEFAULTS = new NntpLimits(512, 497, 998, 1024 * 1024, 256, 64 * 1024, 3, 20,
            Duration.ofMinutes(10));

    /** Checks that every limit is usable. */
    public NntpLimits {
        if (commandLineLength < 512 || argumentLength < 1 || argumentLength > commandLineLength) {
            throw new IllegalArgumentException("command line limits below RFC 3977 §3.1's 512 octets");
        }
        if (articleLineLength < 78 || articleSize < 1 || headerCount < 1 || responseLineLength < commandLineLength) {
            throw new IllegalArgumentException("article limits must be positive (lines at least 78 octets)");
        }
        if (failedLogins < 1 || errorsBeforeDisconnect < 1) {
            throw new IllegalArgumentException("failed logins and errors must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
    }

    /** These limits with another article size. */
    public NntpLimits withArticleSize(long size) {
        return new NntpLimits(commandLineLength, argumentLength, articleLineLength, size, headerCount, responseLineLength,
                failedLogins, errorsBeforeDisconnect, idleTimeout);
    }

    /** These limits with another idle timeout. */
    public NntpLimits withIdleTimeout(Duration timeout) {
        return new NntpLimits(commandLineLength, argumentLength, articleLineLength, articleSize, headerCount,
                responseLineLength, failedLogins, errorsBeforeDisconnect, timeout);
    }
}
