/**
 * SIP messages (RFC 3261 section 7, 18.3, 20, 25): a strict, pure parser for streams and
 * datagrams with limits and a {@link dev.torsion.sip.parse.ParseState} ending in FAILED, typed
 * header values (Via, name-addr, SIP URI, CSeq), and the writer.
 */
package dev.torsion.sip.parse;
