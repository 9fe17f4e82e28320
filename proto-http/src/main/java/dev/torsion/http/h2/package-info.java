/**
 * HTTP/2 (RFC 9113) for the same {@code Site} and {@code Resource} tree as HTTP/1.1: the limits
 * in {@link dev.torsion.http.h2.Http2Limits}; the frame codec in {@code h2.codec}, HPACK in
 * {@code h2.hpack}, the server connection in {@code h2.server}.
 */
package dev.torsion.http.h2;
