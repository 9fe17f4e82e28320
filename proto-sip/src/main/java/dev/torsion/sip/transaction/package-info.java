/**
 * SIP transactions (RFC 3261 section 17): INVITE and non-INVITE, client and server, each a state
 * enum with timers A to K on the reactor's clock, matched by branch.
 */
package dev.torsion.sip.transaction;
