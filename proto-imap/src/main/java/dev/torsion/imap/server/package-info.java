/**
 * The IMAP server: {@link dev.torsion.imap.server.ImapServer} (one session, its state in
 * {@link dev.torsion.imap.server.SessionState}), configured by
 * {@link dev.torsion.imap.server.ImapServerConfig}, serving what a user implements as
 * {@link dev.torsion.imap.server.ImapAccount} and {@link dev.torsion.imap.server.ImapMailbox}.
 */
package dev.torsion.imap.server;
