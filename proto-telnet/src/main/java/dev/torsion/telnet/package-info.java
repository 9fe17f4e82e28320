/**
 * Telnet (RFC 854, RFC 855) in the model of {@code twisted.conch.telnet}: a {@link
 * dev.torsion.telnet.TelnetTransport} decodes the wire, negotiates options by the Q method of
 * RFC 1143, and hands plain bytes to a {@link dev.torsion.telnet.TelnetProtocol} stacked on it.
 * The {@code codec} package is pure; {@code options} holds the option payloads; {@code terminal}
 * is the line-editing layer for servers that talk to people; {@code manhole} is the JShell.
 */
package dev.torsion.telnet;
