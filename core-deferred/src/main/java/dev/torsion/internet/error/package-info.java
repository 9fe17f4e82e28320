/**
 * The failures a connection, a connection attempt, a listening port, a process or the reactor itself
 * reports, as Twisted's {@code twisted.internet.error}: {@code ConnectionDone} for a clean close,
 * {@code ConnectionLost} for an unclean one, {@code ConnectError} and its kinds for an attempt that failed.
 */
package dev.torsion.internet.error;
