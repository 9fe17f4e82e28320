/**
 * The interfaces every protocol and transport is written against: {@link dev.torsion.internet.Protocol},
 * {@link dev.torsion.internet.Transport}, {@link dev.torsion.internet.Reactor}, the producer and consumer
 * interfaces of flow control, half-close, the buffer path ({@link dev.torsion.internet.BufferProtocol}: reads
 * as a read-only {@code ByteBuffer} view lent for the call), addresses ({@link dev.torsion.internet.IPAddress},
 * {@link dev.torsion.internet.UNIXAddress}) and system event triggers, as Twisted's
 * {@code twisted.internet.interfaces}. Implementations live in transport-netty and, for tests, in
 * {@code dev.torsion.testing}.
 */
package dev.torsion.internet;
