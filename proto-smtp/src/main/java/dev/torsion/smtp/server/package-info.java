/**
 * The ESMTP server: {@link dev.torsion.smtp.server.SmtpServer} sessions (one
 * {@link dev.torsion.smtp.server.SmtpState} each) made by {@link dev.torsion.smtp.server.SmtpServerFactory},
 * delivering to a user's {@link dev.torsion.smtp.server.MessageDelivery} through
 * {@link dev.torsion.smtp.server.MessageReceiver}s, as Twisted's {@code IMessageDelivery}.
 */
package dev.torsion.smtp.server;
