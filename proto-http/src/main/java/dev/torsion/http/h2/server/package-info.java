/**
 * The HTTP/2 server (RFC 9113): {@link dev.torsion.http.h2.server.Http2ServerFactory} serves a site
 * over HTTP/1.1 and HTTP/2 on one port; {@link dev.torsion.http.h2.server.Http2Connection} runs one
 * connection, each stream's request given decoded (no HTTP/1.1 text) to a channel of the same site,
 * the one request-dispatch path of both versions, and answered in frames.
 */
package dev.torsion.http.h2.server;
