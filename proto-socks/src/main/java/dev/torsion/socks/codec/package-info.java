/**
 * The pure SOCKS codec: {@link dev.torsion.socks.codec.SocksRequestDecoder} (a push decoder for
 * what a client sends) and {@link dev.torsion.socks.codec.SocksReplies} (what a server answers).
 * No transport, no I/O.
 */
package dev.torsion.socks.codec;
