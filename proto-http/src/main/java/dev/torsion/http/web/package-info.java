/**
 * The ready web server the runner's {@code torsion web} starts: a {@code Site} over a directory or a
 * resource tree, on the endpoints of its configuration.
 */
package dev.torsion.http.web;
