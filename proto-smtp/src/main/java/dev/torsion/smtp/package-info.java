/**
 * SMTP (RFC 5321) for Torsion: the limits every session enforces ({@link dev.torsion.smtp.SmtpLimits}),
 * replies ({@link dev.torsion.smtp.SmtpReply}) and refusals ({@link dev.torsion.smtp.SmtpRejection});
 * the pure codec lives in {@code codec}, the server and its delivery API in {@code server}.
 */
package dev.torsion.smtp;
