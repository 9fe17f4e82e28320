/**
 * The test kit: transports in memory ({@code StringTransport}, {@code LoopbackTransport} joined by
 * {@code IOPump}), a {@code MemoryReactor} that records what was asked of it, a deterministic
 * {@code TestClock}, and {@code DeferredAssertions}, as Twisted's {@code twisted.internet.testing}.
 * Protocols are unit-tested with these alone, with no sockets and no sleeping.
 */
package dev.torsion.testing;
