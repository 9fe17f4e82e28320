/**
 * HTTP/1.1 for Torsion, server and client, written against the core interfaces: the shared types
 * (methods, status codes, headers) live here, and each part in its own package (parse, server,
 * resource, client, ...). See the module's README for the package map and what is implemented.
 */
package dev.torsion.http;
