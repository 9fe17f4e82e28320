package dev.torsion.telnet.server;

import dev.torsion.telnet.options.EnvironmentVariable;
import dev.torsion.telnet.options.WindowSize;
import java.util.List;

/** Implemented by a protocol under {@link TelnetBootstrapProtocol} that wants to know its terminal. */
public interface TerminalAware {
    /** The client's window size, first and at each change (RFC 1073). */
    default void windowSizeChanged(WindowSize size) {
    }

    /** The client's terminal type (RFC 1091). */
    default void terminalTypeReceived(String terminalType) {
    }

    /** The client's environment (RFC 1572 IS or INFO). */
    default void environmentReceived(List<EnvironmentVariable> variables) {
    }
}
