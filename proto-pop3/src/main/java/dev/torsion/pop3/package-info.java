/**
 * POP3 (RFC 1939) for Torsion: the limits every session enforces ({@link dev.torsion.pop3.Pop3Limits});
 * the pure codec lives in {@code codec}, the server and its mailbox interface in {@code server}.
 */
package dev.torsion.pop3;
