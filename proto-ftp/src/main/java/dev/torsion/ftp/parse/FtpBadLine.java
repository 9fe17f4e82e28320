package dev.torsion.ftp.parse;

/**
 * A line that is not a command, with the reply it earns; {@code fatal} when the decoder has failed
 * and the control connection must close after the reply.
 *
 * @param reply the reply to send
 * @param fatal whether the connection closes after it
 */
public record FtpBadLine(FtpReply reply, boolean fatal) implements FtpInput {
}
