/**
 * Serving files from a directory, as Twisted's {@code twisted.web.static.File}: content types, ranges,
 * conditional requests, directory listings, and zero-copy sending where the transport can.
 */
package dev.torsion.http.staticfiles;
