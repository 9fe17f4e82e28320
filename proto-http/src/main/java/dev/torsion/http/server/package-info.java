/**
 * The HTTP server protocol: one channel per connection ({@code HttpChannel}) with its keep-alive and
 * pipelining, the {@code Request} a resource answers, its configuration, and streamed request bodies.
 */
package dev.torsion.http.server;
