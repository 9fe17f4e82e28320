/**
 * The payloads of the subnegotiated options: NAWS (RFC 1073), TERMINAL-TYPE (RFC 1091),
 * NEW-ENVIRON (RFC 1572) and LINEMODE's MODE (RFC 1184). Pure: parameters in, values out.
 */
package dev.torsion.telnet.options;
