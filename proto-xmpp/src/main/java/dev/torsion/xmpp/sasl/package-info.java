/**
 * SASL for XMPP (RFC 6120 §6): SCRAM-SHA-1 and SCRAM-SHA-256 (RFC 5802, RFC 7677) on both sides,
 * PLAIN (RFC 4616), and the SASL failure conditions (RFC 6120 §6.5). The server side checks proofs
 * through cred: {@link dev.torsion.xmpp.sasl.ScramCredentials} is a
 * {@link dev.torsion.cred.credentials.UsernameHashedPassword} that a checker holding the password
 * verifies.
 */
package dev.torsion.xmpp.sasl;
