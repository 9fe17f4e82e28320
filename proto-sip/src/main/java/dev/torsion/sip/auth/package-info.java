/** Digest authentication for SIP (RFC 3261 section 22, RFC 7616, RFC 8760 SHA-256 and MD5) through cred. */
package dev.torsion.sip.auth;
