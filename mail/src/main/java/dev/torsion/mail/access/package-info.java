/**
 * Users reading their mail: {@link dev.torsion.mail.access.MailRealm} opens a user's Maildir at
 * login, {@link dev.torsion.mail.access.MaildirPop3Mailbox} serves it over POP3.
 */
package dev.torsion.mail.access;
