/**
 * The HTTP/1.1 server protocol: {@link dev.torsion.http.server.HttpChannel} (one connection, one state enum), {@link dev.torsion.http.server.Request}, and {@link dev.torsion.http.server.ServerConfig}, which holds every limit and timeout.
 */
package dev.torsion.http.server;
