/** The SIP registrar (RFC 3261 section 10.3) and the location service it fills. */
package dev.torsion.sip.registrar;
