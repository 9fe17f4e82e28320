/**
 * The HTTP/2 server (RFC 9113): {@link dev.torsion.http.h2.server.Http2ServerFactory} serves a site
 * over HTTP/1.1 and HTTP/2 on one port; {@link dev.torsion.http.h2.server.Http2Connection} runs one
 * connection, each stream served by an HTTP/1.1 channel of the same site.
 */
package dev.torsion.http.h2.server;
