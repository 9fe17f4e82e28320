/**
 * The pure POP3 codec: command lines parsed ({@link dev.torsion.pop3.codec.Pop3CommandParser}) and
 * multi-line responses byte-stuffed ({@link dev.torsion.pop3.codec.MultilineEncoder}). No I/O.
 */
package dev.torsion.pop3.codec;
