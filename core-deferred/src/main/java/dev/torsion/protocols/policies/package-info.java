/**
 * Wrappers that add a policy to any protocol or factory without changing it: idle timeouts
 * ({@link dev.torsion.protocols.policies.IdleTimeout}), connection limits, throttling, and the
 * wrapping machinery they share, as Twisted's {@code twisted.protocols.policies}.
 */
package dev.torsion.protocols.policies;
