/**
 * Access logs: one line per finished request in the Combined Log Format, as Twisted's
 * {@code combinedLogFormatter}, with control characters escaped.
 */
package dev.torsion.http.log;
