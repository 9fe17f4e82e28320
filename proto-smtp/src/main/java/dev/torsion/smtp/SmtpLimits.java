package dev.torsion.smtp;

import java.time.Duration;

/**
 * Every limit the SMTP server enforces, with its default and the reply it earns.
 *
 * @param commandLineLength longest command line in octets, CR LF included (RFC 5321 §4.5.3.1.4:
 *     512); a longer one earns {@code 500 5.5.2 Line too long} and is discarded up to its end
 * @param authLineLength longest SASL response line, CR LF included (RFC 4954 §4: 12288); a longer
 *     one earns {@code 500 5.5.6} and ends the AUTH exchange
 * @param textLineLength longest line of message text, CR LF included (RFC 5321 §4.5.3.1.6: 1000);
 *     a message with a longer line earns {@code 500 5.5.6 Line too long} at its end
 * @param recipients most RCPT commands accepted per message (RFC 5321 §4.5.3.1.8 asks at least
 *     100); one more earns {@code 452 4.5.3 Too many recipients}
 * @param messageSize largest message in octets, announced in EHLO's SIZE (RFC 1870); a larger
 *     SIZE= parameter or message earns {@code 552 5.3.4}
 * @param errorsBeforeDisconnect how many 4xx/5xx replies a session gets before the server answers
 *     {@code 421 4.7.0 Too many errors} and closes the connection
 * @param commandTimeout idle time allowed while waiting for a command (RFC 5321 §4.5.3.2.7: 5
 *     minutes); then {@code 421 4.4.2 Timeout} and the connection is closed
 * @param dataTimeout idle time allowed between blocks of message data (RFC 5321 §4.5.3.2.7 asks
 *     the server for 5 minutes per command; data blocks get the same here); then {@code 421 4.4.2}
 */
public record SmtpLimits(
        int commandLineLength,
        int authLineLength,
        int textLineLength,
        int recipients,
        long messageSize,
        int errorsBeforeDisconnect,
        Duration commandTimeout,
        Duration dataTimeout) {

    /** The defaults named in each component's description; 10 MiB messages, 10 errors. */
    public static final SmtpLimits DEFAULTS = new SmtpLimits(512, 12288, 1000, 100, 10L * 1024 * 1024, 10,
            Duration.ofMinutes(5), Duration.ofMinutes(5));

    /** Checks that every limit is usable. */
    public SmtpLimits {
        if (commandLineLength < 512 || authLineLength < commandLineLength || textLineLength < 1000) {
            throw new IllegalArgumentException("line limits below RFC 5321's minimums");
        }
        if (recipients < 1 || messageSize < 1 || errorsBeforeDisconnect < 1) {
            throw new IllegalArgumentException("recipients, messageSize and errorsBeforeDisconnect must be positive");
        }
        if (commandTimeout.isNegative() || commandTimeout.isZero() || dataTimeout.isNegative() || dataTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** A copy with another message size limit. */
    public SmtpLimits withMessageSize(long newMessageSize) {
        return new SmtpLimits(commandLineLength, authLineLength, textLineLength, recipients, newMessageSize,
                errorsBeforeDisconnect, commandTimeout, dataTimeout);
    }

    /** A copy with another recipient limit. */
    public SmtpLimits withRecipients(int newRecipients) {
        return new SmtpLimits(commandLineLength, authLineLength, textLineLength, newRecipients, messageSize,
                errorsBeforeDisconnect, commandTimeout, dataTimeout);
    }

    /** A copy with another error limit. */
    public SmtpLimits withErrorsBeforeDisconnect(int newErrors) {
        return new SmtpLimits(commandLineLength, authLineLength, textLineLength, recipients, messageSize,
                newErrors, commandTimeout, dataTimeout);
    }
}
