package dev.torsion.telnet.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetTransport;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.options.EnvironmentVariable;
import dev.torsion.telnet.options.Linemode;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.server.TelnetBootstrapProtocol;
import dev.torsion.telnet.support.RecordingTerminal;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Our client against our bootstrap server on the memory loopback: every option end to end. */
class ClientServerNegotiationTest {
    private final TestClock clock = new TestClock();

    @Test
    void optionsAgreeAndPayloadsArrive() {
        RecordingTerminal terminal = new RecordingTerminal();
        TelnetBootstrapProtocol bootstrap = new TelnetBootstrapProtocol(terminal, TelnetLimits.DEFAULT);
        TelnetTransport server = new TelnetTransport(bootstrap, TelnetLimits.DEFAULT, clock);
        List<EnvironmentVariable> environment = List.of(new EnvironmentVariable(false, "USER", "alice"));
        TelnetClientProtocol client = new TelnetClientProtocol(
                new TelnetClientOptions("XTERM", new WindowSize(132, 43), environment));
        TelnetTransport clientTelnet = new TelnetTransport(client, TelnetLimits.DEFAULT, clock);
        IOPump pump = IOPump.connect(server, clientTelnet);

        assertTrue(server.isLocalEnabled(TelnetOption.ECHO));
        assertTrue(server.isLocalEnabled(TelnetOption.SUPPRESS_GO_AHEAD));
        assertTrue(clientTelnet.isRemoteEnabled(TelnetOption.ECHO));
        assertTrue(server.isRemoteEnabled(TelnetOption.NAWS));
        assertEquals(List.of(new WindowSize(132, 43)), terminal.sizes);
        assertEquals(List.of("XTERM"), terminal.terminalTypes);
        assertEquals(List.of(environment), terminal.environments);
        assertFalse(server.isRemoteEnabled(TelnetOption.SUPPRESS_GO_AHEAD), "the client only takes the server's SGA");

        client.setWindowSize(new WindowSize(100, 30));
        pump.flush();
        assertEquals(new WindowSize(100, 30), bootstrap.windowSize());

        AtomicReference<String> seen = new AtomicReference<>();
        client.expect("hello").addCallback(text -> {
            seen.set(text);
            return null;
        });
        terminal.transport().write("x\u00ffsay hello".getBytes(StandardCharsets.ISO_8859_1));
        client.sendLine("typed");
        pump.flush();
        assertEquals("x\ufffdsay hello", seen.get(), "output up to the text, the 255 (sent as IAC IAC) undone");
        assertEquals("typed\n", terminal.received.toString(StandardCharsets.UTF_8), "CR LF arrives as LF");
    }

    @Test
    void linemodeModeIsAcknowledgedByARealishClient() {
        RecordingTerminal terminal = new RecordingTerminal();
        int mask = Linemode.TRAPSIG;
        TelnetBootstrapProtocol bootstrap = new TelnetBootstrapProtocol(terminal, TelnetLimits.DEFAULT,
                OptionalInt.of(mask));
        TelnetTransport server = new TelnetTransport(bootstrap, TelnetLimits.DEFAULT, clock);
        LinemodeClient client = new LinemodeClient();
        IOPump.connect(server, new TelnetTransport(client, TelnetLimits.DEFAULT, clock));
        assertTrue(server.isRemoteEnabled(TelnetOption.LINEMODE));
        assertEquals(mask, bootstrap.acknowledgedLinemode());
    }

    /** A client that takes LINEMODE and acknowledges the MODE it is given (RFC 1184 section 2.2). */
    static final class LinemodeClient extends TelnetClientProtocol {
        LinemodeClient() {
            super(TelnetClientOptions.DEFAULT);
        }

        @Override
        public boolean acceptLocal(int option) {
            return option == TelnetOption.LINEMODE || super.acceptLocal(option);
        }

        @Override
        public void subnegotiationReceived(int option, byte[] parameters) {
            if (option == TelnetOption.LINEMODE) {
                int mask = Linemode.decodeMode(parameters).orElseThrow();
                telnet().writeSubnegotiation(option, Linemode.mode(mask | Linemode.MODE_ACK));
            }
        }
    }
}
