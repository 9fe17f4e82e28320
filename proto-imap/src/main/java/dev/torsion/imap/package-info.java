/**
 * IMAP4rev1 (RFC 3501) for Torsion: the limits every session enforces
 * ({@link dev.torsion.imap.ImapLimits}); the pure command parser lives in {@code parse}, MIME
 * structure in {@code mime}, the server and its account and mailbox interfaces in {@code server}.
 */
package dev.torsion.imap;
