package dev.torsion.telnet.terminal;

import dev.torsion.telnet.options.WindowSize;

/** An application that talks to a person at a terminal, as Conch's {@code TerminalProtocol}. */
public interface TerminalProtocol {
    /** The terminal is there. */
    void terminalConnected(Terminal terminal);

    /** A key was pressed. */
    void keystrokeReceived(KeyEvent key);

    /** The window size became known or changed. */
    default void terminalSizeChanged(WindowSize size) {
    }

    /** The terminal went away. */
    default void terminalDisconnected() {
    }
}
