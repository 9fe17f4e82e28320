/**
 * The terminal layer, in the model of Conch's insults: {@link
 * dev.torsion.telnet.terminal.KeyParser} turns ANSI input into keys, {@link
 * dev.torsion.telnet.terminal.TerminalServerProtocol} carries them to a {@link
 * dev.torsion.telnet.terminal.TerminalProtocol}, and {@link dev.torsion.telnet.terminal.RecvLine}
 * edits lines with history ({@link dev.torsion.telnet.terminal.LineEditor}) for servers that talk to
 * people. Independent of Telnet: it runs over any byte transport.
 */
package dev.torsion.telnet.terminal;
