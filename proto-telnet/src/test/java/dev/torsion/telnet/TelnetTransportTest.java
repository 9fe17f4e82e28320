package dev.torsion.telnet;

import static dev.torsion.telnet.codec.TelnetCommand.DO;
import static dev.torsion.telnet.codec.TelnetCommand.DONT;
import static dev.torsion.telnet.codec.TelnetCommand.IAC;
import static dev.torsion.telnet.codec.TelnetCommand.SB;
import static dev.torsion.telnet.codec.TelnetCommand.SE;
import static dev.torsion.telnet.codec.TelnetCommand.WILL;
import static dev.torsion.telnet.codec.TelnetCommand.WONT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.telnet.codec.OptionSide;
import dev.torsion.telnet.codec.QState;
import dev.torsion.telnet.codec.RequestError;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.support.Bytes;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelnetTransportTest {
    private final TestClock clock = new TestClock();
    private final StringTransport wire = new StringTransport();
    private final Recorder app = new Recorder();
    private TelnetTransport telnet;

    /** An application that accepts ECHO locally and NAWS remotely and records everything. */
    static final class Recorder extends TelnetProtocol {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();

        @Override
        public boolean acceptLocal(int option) {
            return option == TelnetOption.ECHO;
        }

        @Override
        public boolean acceptRemote(int option) {
            return option == TelnetOption.NAWS;
        }

        @Override
        public void dataReceived(byte[] bytes) {
            data.writeBytes(bytes);
        }

        @Override
        public void optionEnabled(OptionSide side, int option) {
            events.add("on " + side + " " + TelnetOption.name(option));
        }

        @Override
        public void optionDisabled(OptionSide side, int option) {
            events.add("off " + side + " " + TelnetOption.name(option));
        }

        @Override
        public void commandReceived(int command) {
            events.add("command " + command);
        }

        @Override
        public void subnegotiationReceived(int option, byte[] parameters) {
            events.add("sb " + TelnetOption.name(option) + " " + parameters.length);
        }
    }

    @BeforeEach
    void connect() {
        telnet = new TelnetTransport(app, TelnetLimits.DEFAULT, clock);
        telnet.makeConnection(wire);
    }

    @Test
    void applicationSeesPlainBytesAndItsWritesAreEscaped() {
        telnet.dataReceived(Bytes.of("ab", IAC, IAC, "c\r\n"));
        assertArrayEquals(Bytes.of("ab", 255, "c\n"), app.data.toByteArray());
        app.transport().write(Bytes.of("x", 255, "y"));
        assertArrayEquals(Bytes.of("x", IAC, IAC, "y"), wire.value());
        assertEquals(TelnetState.OPEN, telnet.state());
    }

    @Test
    void peerRequestsAreAcceptedOrRefusedByTheApplication() {
        telnet.dataReceived(Bytes.of(IAC, DO, 1, IAC, DO, 3, IAC, WILL, 31, IAC, WILL, 24));
        assertArrayEquals(Bytes.of(IAC, WILL, 1, IAC, WONT, 3, IAC, DO, 31, IAC, DONT, 24), wire.value());
        assertEquals(List.of("on LOCAL ECHO", "on REMOTE NAWS"), app.events);
        assertTrue(telnet.isLocalEnabled(TelnetOption.ECHO));
        assertFalse(telnet.isRemoteEnabled(TelnetOption.TERMINAL_TYPE));
    }

    @Test
    void enableRemoteFiresWhenThePeerAgrees() {
        Deferred<Void> result = telnet.enableRemote(TelnetOption.NAWS);
        assertArrayEquals(Bytes.of(IAC, DO, 31), wire.value());
        assertEquals(QState.WANTYES_EMPTY, telnet.optionState(OptionSide.REMOTE, TelnetOption.NAWS));
        assertFalse(result.isCalled());
        wire.clear();
        telnet.dataReceived(Bytes.of(IAC, WILL, 31));
        assertTrue(result.isCalled());
        assertArrayEquals(new byte[0], wire.value(), "an answer is not answered (RFC 1143)");
        assertEquals(List.of("on REMOTE NAWS"), app.events);
    }

    @Test
    void enableLocalFailsWithOptionRefused() {
        AtomicReference<Failure> failure = new AtomicReference<>();
        telnet.enableLocal(TelnetOption.SUPPRESS_GO_AHEAD).addErrback(f -> {
            failure.set(f);
            return null;
        });
        telnet.dataReceived(Bytes.of(IAC, DONT, 3));
        assertInstanceOf(OptionRefused.class, failure.get().value());
        assertEquals(QState.NO, telnet.optionState(OptionSide.LOCAL, TelnetOption.SUPPRESS_GO_AHEAD));
    }

    @Test
    void aSecondRequestFailsWithTheRfc1143Error() {
        telnet.enableLocal(TelnetOption.ECHO);
        AtomicReference<Failure> failure = new AtomicReference<>();
        telnet.enableLocal(TelnetOption.ECHO).addErrback(f -> {
            failure.set(f);
            return null;
        });
        assertEquals(RequestError.ALREADY_NEGOTIATING, ((OptionRequestError) failure.get().value()).error());
        assertArrayEquals(Bytes.of(IAC, WILL, 1), wire.value(), "sent once");
    }

    @Test
    void disableThenQueuedEnableResolveInOrder() {
        telnet.dataReceived(Bytes.of(IAC, WILL, 31));
        wire.clear();
        Deferred<Void> off = telnet.disableRemote(TelnetOption.NAWS);
        Deferred<Void> on = telnet.enableRemote(TelnetOption.NAWS);
        assertEquals(QState.WANTNO_OPPOSITE, telnet.optionState(OptionSide.REMOTE, TelnetOption.NAWS));
        telnet.dataReceived(Bytes.of(IAC, WONT, 31));
        assertTrue(off.isCalled());
        assertFalse(on.isCalled());
        assertArrayEquals(Bytes.of(IAC, DONT, 31, IAC, DO, 31), wire.value());
        telnet.dataReceived(Bytes.of(IAC, WILL, 31));
        assertTrue(on.isCalled());
        assertEquals(List.of("on REMOTE NAWS", "off REMOTE NAWS", "on REMOTE NAWS"), app.events);
    }

    @Test
    void subnegotiationReachesTheApplicationOnlyForAnOptionThatIsOn() {
        telnet.dataReceived(Bytes.of(IAC, SB, 31, 0, 80, 0, 24, IAC, SE));
        assertEquals(List.of(), app.events);
        telnet.dataReceived(Bytes.of(IAC, WILL, 31, IAC, SB, 31, 0, 80, 0, 24, IAC, SE));
        assertEquals(List.of("on REMOTE NAWS", "sb NAWS 4"), app.events);
    }

    @Test
    void commandsReachTheApplication() {
        telnet.dataReceived(Bytes.of("a", IAC, 246, "b"));
        assertEquals(List.of("command 246"), app.events);
        assertArrayEquals(Bytes.of("ab"), app.data.toByteArray());
    }

    @Test
    void theNegotiationBudgetRefillsWithTime() {
        TelnetLimits limits = TelnetLimits.DEFAULT.withNegotiationRate(4, Duration.ofSeconds(1));
        StringTransport small = new StringTransport();
        TelnetTransport limited = new TelnetTransport(new Recorder(), limits, clock);
        limited.makeConnection(small);
        limited.dataReceived(Bytes.repeat(Bytes.of(IAC, WONT, 5), 4));
        clock.advance(Duration.ofSeconds(2));
        limited.dataReceived(Bytes.repeat(Bytes.of(IAC, WONT, 5), 2));
        assertEquals(TelnetState.OPEN, limited.state());
        limited.dataReceived(Bytes.repeat(Bytes.of(IAC, WONT, 5), 3));
        assertEquals(TelnetState.FAILED, limited.state());
        assertTrue(small.isDisconnecting());
    }

    @Test
    void pendingRequestsFailWhenTheConnectionIsLost() {
        AtomicReference<Failure> failure = new AtomicReference<>();
        telnet.enableRemote(TelnetOption.NAWS).addErrback(f -> {
            failure.set(f);
            return null;
        });
        telnet.notifyConnectionLost(Failure.of(new RuntimeException("gone")));
        assertEquals(TelnetState.CLOSED, telnet.state());
        assertTrue(failure.get().getErrorMessage().contains("DO NAWS"), failure.get().getErrorMessage());
    }
}
