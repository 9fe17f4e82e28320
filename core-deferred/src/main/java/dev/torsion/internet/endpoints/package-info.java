/**
 * Endpoints: where a server listens and where a client connects, decided apart from the protocol and
 * made from strings such as {@code "tcp:8080:interface=127.0.0.1"}, as Twisted's
 * {@code twisted.internet.endpoints}. Parsers for more kinds register themselves with
 * {@link java.util.ServiceLoader}.
 */
package dev.torsion.internet.endpoints;
