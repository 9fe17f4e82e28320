package dev.torsion.telnet.terminal;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.server.TerminalAware;

/**
 * Plain bytes from a terminal in, keys to a {@link TerminalProtocol} out, as Conch's insults
 * {@code ServerProtocol}. Stack it under {@link dev.torsion.telnet.server.TelnetBootstrapProtocol}
 * (or any transport of plain bytes).
 */
public final class TerminalServerProtocol extends Protocol implements TerminalAware {
    private final TerminalProtocol application;
    private final KeyParser parser = new KeyParser();

    /** Carries keys to {@code application}. */
    public TerminalServerProtocol(TerminalProtocol application) {
        this.application = application;
    }

    @Override
    public void connectionMade() {
        application.terminalConnected(new AnsiTerminal(transport()));
    }

    @Override
    public void dataReceived(byte[] data) {
        parser.parse(data, application::keystrokeReceived);
    }

    @Override
    public void windowSizeChanged(WindowSize size) {
        application.terminalSizeChanged(size);
    }

    @Override
    public void connectionLost(Failure reason) {
        application.terminalDisconnected();
    }
}
