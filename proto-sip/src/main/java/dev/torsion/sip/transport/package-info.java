/**
 * The SIP transport layer (RFC 3261 section 18, RFC 3581): UDP datagrams and TCP or TLS streams,
 * responses routed by Via, the MTU rule, and error replies to malformed requests.
 */
package dev.torsion.sip.transport;
