package dev.torsion.telnet.support;

import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetTransport;
import dev.torsion.telnet.server.TelnetBootstrapProtocol;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.util.List;

/** A bootstrap Telnet server on a memory transport, its greeting cleared, fed piece by piece. */
public final class TelnetWire {
    public final TestClock clock = new TestClock();
    public final StringTransport transport = new StringTransport();
    public final RecordingTerminal terminal = new RecordingTerminal();
    public final TelnetBootstrapProtocol bootstrap;
    public final TelnetTransport telnet;

    public TelnetWire(TelnetLimits limits) {
        bootstrap = new TelnetBootstrapProtocol(terminal, limits);
        telnet = new TelnetTransport(bootstrap, limits, clock);
        telnet.makeConnection(transport);
        transport.clear();
    }

    /** Feeds each piece in turn (stopping once the server has closed). */
    public TelnetWire feed(List<byte[]> pieces) {
        for (byte[] piece : pieces) {
            if (transport.isDisconnecting()) {
                break;
            }
            telnet.dataReceived(piece);
        }
        return this;
    }

    /** What the server wrote since the greeting. */
    public byte[] written() {
        return transport.value();
    }
}
