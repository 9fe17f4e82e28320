/** A small SIP user-agent core (RFC 3261 sections 8 to 15): OPTIONS, REGISTER with digest, calls. */
package dev.torsion.sip.ua;
