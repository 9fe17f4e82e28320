/**
 * Maildir as qmail, Postfix and Dovecot write it: {@link dev.torsion.mail.maildir.Maildir} delivers
 * through {@code tmp/} into {@code new/}; {@link dev.torsion.mail.maildir.MaildirFolder} gives
 * sessions UIDs, UIDVALIDITY and flags over it, locked across threads and processes.
 */
package dev.torsion.mail.maildir;
