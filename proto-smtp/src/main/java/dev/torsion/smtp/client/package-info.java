/**
 * The SMTP client: {@link dev.torsion.smtp.client.SmtpClient} sends one message (EHLO/HELO,
 * STARTTLS, AUTH, PIPELINING, SIZE, CHUNKING), {@link dev.torsion.smtp.client.SmtpSender#sendmail}
 * gives a Deferred of the {@link dev.torsion.smtp.client.SendResult}, and
 * {@link dev.torsion.smtp.client.MailExchangerResolver} finds where a domain's mail goes.
 */
package dev.torsion.smtp.client;
