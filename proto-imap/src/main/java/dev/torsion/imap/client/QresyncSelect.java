package dev.torsion.imap.client;

/**
 * What a SELECT or EXAMINE with QRESYNC told (RFC 7162 §3.2.5).
 *
 * @param status the mailbox's counts and codes, HIGHESTMODSEQ among them
 * @param changes the UIDs expunged and the messages changed since the MODSEQ given
 */
public record QresyncSelect(MailboxStatus status, Changes changes) {
}
