/**
 * The server side: {@link dev.torsion.telnet.server.TelnetBootstrapProtocol} negotiates what a
 * terminal server wants (ECHO and SUPPRESS-GO-AHEAD by us, NAWS, TERMINAL-TYPE, NEW-ENVIRON and
 * optionally LINEMODE by the client) and passes plain bytes to the protocol it wraps.
 */
package dev.torsion.telnet.server;
