/**
 * Basic protocols to build on: line, netstring and length-prefixed framing
 * ({@link dev.torsion.protocols.LineReceiver}, {@link dev.torsion.protocols.NetstringReceiver},
 * {@link dev.torsion.protocols.Int32StringReceiver}, ...), the dot-terminated blocks of SMTP, POP3 and NNTP
 * ({@link dev.torsion.protocols.DotStuffedDecoder}, {@link dev.torsion.protocols.DotStuffedEncoder}), and
 * {@link dev.torsion.protocols.FileSender},
 * as Twisted's {@code twisted.protocols.basic}. Each framer has a length limit and is tested over every
 * split of its input.
 */
package dev.torsion.protocols;
