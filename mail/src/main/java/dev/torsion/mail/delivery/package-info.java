/**
 * Mail into the store: {@link dev.torsion.mail.delivery.MailDomain}s, an
 * {@link dev.torsion.mail.delivery.Aliases} file, the {@link dev.torsion.mail.delivery.Router} that
 * resolves recipients to Maildirs, and {@link dev.torsion.mail.delivery.MaildirDelivery}, the SMTP
 * server's delivery into them.
 */
package dev.torsion.mail.delivery;
