/**
 * The pure IMAP command parser: {@link dev.torsion.imap.parse.ImapCommandDecoder} cuts the byte
 * stream into commands with their literals (RFC 3501 §4.3, RFC 7888),
 * {@link dev.torsion.imap.parse.ImapCommandParser} reads each into an
 * {@link dev.torsion.imap.parse.ImapCommand} after RFC 3501 §9's grammar. No I/O.
 */
package dev.torsion.imap.parse;
