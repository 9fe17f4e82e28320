/**
 * Test support for code that runs on a real reactor: {@link dev.torsion.netty.testing.LiveReactor}
 * runs a {@code NettyReactor} on its own thread for the length of a test. The in-memory
 * counterparts (StringTransport, TestClock, MemoryReactor) are in {@code dev.torsion.testing}.
 */
package dev.torsion.netty.testing;
