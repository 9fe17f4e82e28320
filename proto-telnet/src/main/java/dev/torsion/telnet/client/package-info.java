/**
 * The client side: {@link dev.torsion.telnet.client.TelnetClientProtocol} agrees to what a terminal
 * client offers (NAWS, TERMINAL-TYPE, NEW-ENVIRON; the server's ECHO and SUPPRESS-GO-AHEAD) and
 * {@link dev.torsion.telnet.client.TelnetClient} connects one with a Deferred API.
 */
package dev.torsion.telnet.client;
