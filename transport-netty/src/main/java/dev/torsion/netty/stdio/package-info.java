/**
 * Protocols over blocking streams: {@link dev.torsion.netty.stdio.StandardIO} binds a protocol to
 * the JVM's stdin and stdout (Twisted's {@code stdio.StandardIO}); {@link dev.torsion.netty.stdio.StreamTransport}
 * is the transport underneath, one reader thread and one writer thread per connection, which the
 * serial port transport shares.
 */
package dev.torsion.netty.stdio;
