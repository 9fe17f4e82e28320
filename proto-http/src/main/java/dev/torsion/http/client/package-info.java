/**
 * The HTTP client, as Twisted's {@code twisted.web.client}: {@code Agent} with its connection pool,
 * the client connection protocol, request bodies and response bodies delivered to a protocol.
 */
package dev.torsion.http.client;
