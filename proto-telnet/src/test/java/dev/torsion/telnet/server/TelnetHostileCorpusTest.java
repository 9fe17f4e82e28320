package dev.torsion.telnet.server;

import static dev.torsion.telnet.codec.TelnetCommand.DO;
import static dev.torsion.telnet.codec.TelnetCommand.DONT;
import static dev.torsion.telnet.codec.TelnetCommand.IAC;
import static dev.torsion.telnet.codec.TelnetCommand.NOP;
import static dev.torsion.telnet.codec.TelnetCommand.SB;
import static dev.torsion.telnet.codec.TelnetCommand.SE;
import static dev.torsion.telnet.codec.TelnetCommand.WILL;
import static dev.torsion.telnet.codec.TelnetCommand.WONT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetState;
import dev.torsion.telnet.codec.TelnetOption;
import dev.torsion.telnet.options.EnvironmentVariable;
import dev.torsion.telnet.options.NewEnviron;
import dev.torsion.telnet.options.WindowSize;
import dev.torsion.telnet.support.Bytes;
import dev.torsion.telnet.support.TelnetWire;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs against the bootstrap server (default limits), each with its exact outcome: the
 * bytes the server answers, whether it disconnects (Telnet has no error reply: a broken limit ends
 * the session with a log line), what reaches the application, and what it learnt. Each input is
 * replayed whole and one byte at a time.
 */
class TelnetHostileCorpusTest {
    private static final int TTYPE = TelnetOption.TERMINAL_TYPE;
    private static final int NAWS = TelnetOption.NAWS;
    private static final int ECHO = TelnetOption.ECHO;

    /** An input and its exact outcome. */
    record Case(String name, byte[] input, byte[] answer, TelnetState state, int dataBytes, int sizes,
            int types, int environments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("unterminated subnegotiation past the limit",
                Bytes.of(IAC, WILL, TTYPE, IAC, SB, TTYPE, Bytes.repeat(Bytes.of("A"), 1025)),
                Bytes.of(IAC, SB, TTYPE, 1, IAC, SE), TelnetState.FAILED, 0, 0, 0, 0));
        cases.add(new Case("unterminated subnegotiation within the limit waits",
                Bytes.of(IAC, SB, NAWS, "abc"), new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("IAC SB IAC: option 255 then an unterminated body",
                Bytes.of(IAC, SB, IAC, SE, "x"), new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("IAC IAC flood is data", Bytes.repeat(Bytes.of(IAC, IAC), 100_000),
                new byte[0], TelnetState.OPEN, 100_000, 0, 0, 0));
        cases.add(new Case("IAC NOP flood is ignored", Bytes.repeat(Bytes.of(IAC, NOP), 50_000),
                new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("DO/DONT ping-pong storm", Bytes.repeat(Bytes.of(IAC, DO, ECHO, IAC, DONT, ECHO), 150),
                Bytes.of(IAC, WONT, ECHO, Bytes.repeat(Bytes.of(IAC, WILL, ECHO, IAC, WONT, ECHO), 99)),
                TelnetState.FAILED, 0, 0, 0, 0));
        cases.add(new Case("WILL of an unknown option, each refused, within the budget",
                Bytes.repeat(Bytes.of(IAC, WILL, 200), 150), Bytes.repeat(Bytes.of(IAC, DONT, 200), 150),
                TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("WILL storm of unknown options past the budget",
                Bytes.repeat(Bytes.of(IAC, WILL, 200), 201), Bytes.repeat(Bytes.of(IAC, DONT, 200), 200),
                TelnetState.FAILED, 0, 0, 0, 0));
        cases.add(new Case("huge NAWS within the subnegotiation limit is malformed, ignored",
                Bytes.of(IAC, WILL, NAWS, IAC, SB, NAWS, Bytes.repeat(Bytes.of(0, 80), 500), IAC, SE),
                new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("NAWS of 65535x65535 (escaped IACs) past the dimension limit, ignored",
                Bytes.of(IAC, WILL, NAWS, IAC, SB, NAWS, IAC, IAC, IAC, IAC, IAC, IAC, IAC, IAC, IAC, SE),
                new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("NAWS before WILL NAWS is ignored (RFC 855)",
                Bytes.of(IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE), new byte[0], TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("a good NAWS is taken",
                Bytes.of(IAC, WILL, NAWS, IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE), new byte[0], TelnetState.OPEN,
                0, 1, 0, 0));
        cases.add(new Case("TTYPE of 41 characters is refused, 40 taken",
                Bytes.of(IAC, WILL, TTYPE, IAC, SB, TTYPE, 0, "X".repeat(41), IAC, SE,
                        IAC, SB, TTYPE, 0, "X".repeat(40), IAC, SE),
                Bytes.of(IAC, SB, TTYPE, 1, IAC, SE), TelnetState.OPEN, 0, 0, 1, 0));
        cases.add(new Case("TTYPE with control characters is refused",
                Bytes.of(IAC, WILL, TTYPE, IAC, SB, TTYPE, 0, "VT\u001b[2J", IAC, SE),
                Bytes.of(IAC, SB, TTYPE, 1, IAC, SE), TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("huge TTYPE past the subnegotiation limit",
                Bytes.of(IAC, WILL, TTYPE, IAC, SB, TTYPE, 0, "X".repeat(2000), IAC, SE),
                Bytes.of(IAC, SB, TTYPE, 1, IAC, SE), TelnetState.FAILED, 0, 0, 0, 0));
        List<EnvironmentVariable> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(new EnvironmentVariable(true, "V" + i, "x"));
        }
        cases.add(new Case("NEW-ENVIRON with 65 variables is refused",
                Bytes.of(IAC, WILL, TelnetOption.NEW_ENVIRON, IAC, SB, TelnetOption.NEW_ENVIRON,
                        NewEnviron.encode(false, many), IAC, SE),
                Bytes.of(IAC, SB, TelnetOption.NEW_ENVIRON, 1, IAC, SE), TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("NEW-ENVIRON value before any name is refused",
                Bytes.of(IAC, WILL, TelnetOption.NEW_ENVIRON, IAC, SB, TelnetOption.NEW_ENVIRON, 0, 1, "v", IAC, SE),
                Bytes.of(IAC, SB, TelnetOption.NEW_ENVIRON, 1, IAC, SE), TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("WILL LINEMODE is refused when not configured",
                Bytes.of(IAC, WILL, TelnetOption.LINEMODE), Bytes.of(IAC, DONT, TelnetOption.LINEMODE),
                TelnetState.OPEN, 0, 0, 0, 0));
        cases.add(new Case("AYT is answered [Yes]", Bytes.of(IAC, 246), Bytes.of("\r\n[Yes]\r\n"),
                TelnetState.OPEN, 0, 0, 0, 0));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void wholeAndByteByByte(Case hostile) {
        for (List<byte[]> delivery : Bytes.wholeAndByteByByte(hostile.input)) {
            TelnetWire wire = new TelnetWire(TelnetLimits.DEFAULT).feed(delivery);
            String how = hostile.name + " in " + delivery.size() + " pieces";
            assertAll(how,
                () -> assertArrayEquals(hostile.answer, wire.written(), "answer"),
                () -> assertEquals(hostile.state, wire.telnet.state(), "state"),
                () -> assertEquals(hostile.state == TelnetState.FAILED, wire.transport.isDisconnecting(),
                        "disconnected"),
                () -> assertEquals(hostile.dataBytes, wire.terminal.received.size(), "data"),
                () -> assertEquals(hostile.sizes, wire.terminal.sizes.size(), "sizes"),
                () -> assertEquals(hostile.types, wire.terminal.terminalTypes.size(), "types"),
                () -> assertEquals(hostile.environments, wire.terminal.environments.size(), "environments"));
            if (hostile.sizes == 1) {
                assertEquals(new WindowSize(80, 24), wire.terminal.sizes.get(0));
            }
        }
    }
}
