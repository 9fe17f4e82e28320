/**
 * The relay: two connections joined so that each one's bytes go to the other, with backpressure both
 * ways (each transport is registered as the other's producer), half-close passed on, and a lost side
 * closing the other, as Twisted's {@code twisted.protocols.portforward}. Port forwarding uses it as it
 * is ({@link dev.torsion.protocols.portforward.ProxyFactory}); SOCKS, SSH forwarding and FTP data
 * connections join their own sides with {@link dev.torsion.protocols.portforward.Proxy#link}.
 */
package dev.torsion.protocols.portforward;
