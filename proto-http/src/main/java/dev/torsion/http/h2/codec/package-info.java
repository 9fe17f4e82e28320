/**
 * The pure HTTP/2 frame codec (RFC 9113 sections 4 and 6): frames read and written, each type's
 * payload checked; every refusal an {@link dev.torsion.http.h2.codec.Http2Exception} naming the
 * error code and whether it is the stream's or the connection's.
 */
package dev.torsion.http.h2.codec;
