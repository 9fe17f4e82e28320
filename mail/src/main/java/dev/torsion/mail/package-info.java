/**
 * The mail application: {@link dev.torsion.mail.MailService} assembles SMTP delivery into
 * Maildirs and POP3 access to them from {@link dev.torsion.mail.MailSettings}.
 */
package dev.torsion.mail;
