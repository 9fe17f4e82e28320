/**
 * Locating SIP servers (RFC 3263): NAPTR, SRV and address records turned into an ordered list of
 * destinations, through a {@link dev.torsion.sip.locate.SipResolver} that proto-dns's resolver backs.
 */
package dev.torsion.sip.locate;
