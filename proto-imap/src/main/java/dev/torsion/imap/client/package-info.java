/**
 * The IMAP client: {@link dev.torsion.imap.client.ImapClient}, every command a Deferred, its
 * results as {@link dev.torsion.imap.client.TaggedResult}, {@link dev.torsion.imap.client.FetchData}
 * and {@link dev.torsion.imap.client.MailboxStatus}.
 */
package dev.torsion.imap.client;
