/**
 * The SIP stateful proxy (RFC 3261 section 16) with forking, Record-Route, loop detection and
 * CANCEL, and {@link dev.torsion.sip.proxy.SipServer}, which assembles it with the registrar.
 */
package dev.torsion.sip.proxy;
