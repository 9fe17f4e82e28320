/** Transports: echo throughput, connections per second, idle memory and timers against raw Netty. */
package dev.torsion.benchmarks.transport;
