/** The DNS message codec (RFC 1035, RFC 3597, RFC 6891, RFC 7766 framing): pure, no I/O. */
package dev.torsion.dns.codec;
