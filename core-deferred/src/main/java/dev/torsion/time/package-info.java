/**
 * Time without threads: the {@link dev.torsion.time.Clock} interface and its {@code DelayedCall},
 * {@code LoopingCall}, {@code deferLater} and the {@code Cooperator} that runs long jobs in small steps,
 * as Twisted's {@code twisted.internet.task}. Tests drive them with {@code dev.torsion.testing.TestClock}.
 */
package dev.torsion.time;
