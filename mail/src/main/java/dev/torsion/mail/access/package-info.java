/**
 * Users reading their mail: {@link dev.torsion.mail.access.MailRealm} opens a user's Maildir at
 * login, {@link dev.torsion.mail.access.MaildirPop3Mailbox} serves it over POP3,
 * {@link dev.torsion.mail.access.MaildirImapAccount} and {@link dev.torsion.mail.access.MaildirImapMailbox} over IMAP.
 */
package dev.torsion.mail.access;
