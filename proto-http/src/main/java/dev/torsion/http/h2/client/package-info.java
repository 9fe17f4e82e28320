/**
 * The HTTP/2 client: {@link dev.torsion.http.h2.client.Http2Agent} multiplexes requests to an origin
 * over one {@link dev.torsion.http.h2.client.Http2ClientConnection}, with the Agent's connector, TLS
 * options and {@code Response}s.
 */
package dev.torsion.http.h2.client;
