/** IMAP load: {@code torsion mail --imap}'s server against Dovecot's imapd on the same mail. */
package dev.torsion.benchmarks.imap;
