package dev.torsion.telnet.support;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.telnet.options.EnvironmentVariable;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.server.TerminalAware;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A protocol under the bootstrap that records what reaches it. */
public final class RecordingTerminal extends Protocol implements TerminalAware {
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public final List<WindowSize> sizes = new ArrayList<>();
    public final List<String> terminalTypes = new ArrayList<>();
    public final List<List<EnvironmentVariable>> environments = new ArrayList<>();
    public boolean lost;

    @Override
    public void dataReceived(byte[] data) {
        received.writeBytes(data);
    }

    @Override
    public void windowSizeChanged(WindowSize size) {
        sizes.add(size);
    }

    @Override
    public void terminalTypeReceived(String terminalType) {
        terminalTypes.add(terminalType);
    }

    @Override
    public void environmentReceived(List<EnvironmentVariable> variables) {
        environments.add(variables);
    }

    @Override
    public void connectionLost(Failure reason) {
        lost = true;
    }
}
