package dev.torsion.imap;

import java.time.Duration;

/**
 * Every limit the IMAP server enforces, with its default and the reply it earns.
 *
 * @param lineLength longest line of a command, CR LF included (RFC 7162 §4 advises at least
 *     8192); a longer one earns {@code * BYE [TOOBIG] Command line too long} and the connection
 *     closes, since the rest of the line cannot be told apart from a new command
 * @param literalSize largest literal (an APPEND message); a larger synchronising literal earns
 *     {@code tag NO [TOOBIG] Literal too big} and the command is dropped (RFC 7888 §4), a larger
 *     non-synchronising one {@code tag BAD [TOOBIG]} and {@code * BYE}, since its bytes are
 *     already on the way
 * @param commandSize largest command, lines and literals together; beyond it as for literalSize
 * @param literalsPerCommand literals in one command; one more earns {@code tag BAD [LIMIT]}
 *     and {@code * BYE}
 * @param nestingDepth deepest parenthesised list (SEARCH, FETCH, BODY sections); deeper earns
 *     {@code tag BAD [LIMIT] Too deeply nested}
 * @param pipelinedBytes input read ahead while a command is being answered; above it the
 *     connection stops reading until the commands before are answered
 * @param failedLogins failed logins per connection; the next earns {@code * BYE} and a close
 * @param badCommands BAD replies per connection before {@code * BYE Too many invalid commands}
 * @param idleTimeout the autologout timer out of IDLE (RFC 3501 §5.4: at least 30 minutes),
 *     then {@code * BYE Autologout}
 * @param idleDuration the longest IDLE; then {@code * BYE} (RFC 2177 §3 advises clients to
 *     re-issue IDLE at least every 29 minutes)
 * @param idlePoll how often an IDLE session looks at its mailbox for changes made by others
 */
public record ImapLimits(int lineLength, long literalSize, long commandSize, int literalsPerCommand, int nestingDepth,
        int pipelinedBytes, int failedLogins, int badCommands, Duration idleTimeout, Duration idleDuration, Duration idlePoll) {

    /** Defaults: 64 KiB lines, 64 MiB literals, 100 literals, depth 64, 3 failed logins, 20 BADs. */
    public static final ImapLimits DEFAULTS = new ImapLimits(65_536, 64L << 20, 80L << 20, 100, 64, 256 * 1024, 3, 20,
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMillis(500));

    /** Checks that every limit is usable. */
    public ImapLimits {
        if (lineLength < 1024 || literalSize < 1 || commandSize < literalSize || literalsPerCommand < 1 || nestingDepth < 2
                || pipelinedBytes < lineLength || failedLogins < 1 || badCommands < 1) {
            throw new IllegalArgumentException("IMAP limits too small or not positive");
        }
        for (Duration d : new Duration[] {idleTimeout, idleDuration, idlePoll}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("IMAP timers must be positive");
            }
        }
    }

    /** These limits with another line length. */
    public ImapLimits withLineLength(int newLineLength) {
        return new ImapLimits(newLineLength, literalSize, commandSize, literalsPerCommand, nestingDepth,
                Math.max(pipelinedBytes, newLineLength), failedLogins, badCommands, idleTimeout, idleDuration, idlePoll);
    }

    /** These limits with another literal size (and a command size to hold it). */
    public ImapLimits withLiteralSize(long newLiteralSize) {
        return new ImapLimits(lineLength, newLiteralSize, Math.max(commandSize, newLiteralSize + lineLength), literalsPerCommand,
                nestingDepth, pipelinedBytes, failedLogins, badCommands, idleTimeout, idleDuration, idlePoll);
    }
}
