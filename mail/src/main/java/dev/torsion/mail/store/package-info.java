/**
 * The store's interface that mail sessions use: {@link dev.torsion.mail.store.MailFolder},
 * {@link dev.torsion.mail.store.StoredMessage}, {@link dev.torsion.mail.store.MessageFlag}. A
 * database can back it as well as the Maildir in {@code dev.torsion.mail.maildir}.
 */
package dev.torsion.mail.store;
