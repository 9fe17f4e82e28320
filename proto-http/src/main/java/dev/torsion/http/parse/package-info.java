/**
 * The pure HTTP/1.1 message parser (RFC 9112): bytes in, request and response heads and body framing out,
 * no I/O, every limit in {@link dev.torsion.http.parse.ParserLimits}, and bad input answered with the
 * status code it earns ({@link dev.torsion.http.parse.HttpParseException}).
 */
package dev.torsion.http.parse;
