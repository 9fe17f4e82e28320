package dev.torsion.telnet.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.telnet.support.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OptionPayloadsTest {

    @Test
    void nawsIsTwoBigEndianShorts() {
        assertEquals(Optional.of(new WindowSize(80, 24)), Naws.decode(Bytes.of(0, 80, 0, 24)));
        assertEquals(Optional.of(new WindowSize(65535, 256)), Naws.decode(Bytes.of(255, 255, 1, 0)));
        assertArrayEquals(Bytes.of(1, 44, 0, 50), Naws.encode(new WindowSize(300, 50)));
        assertEquals(Optional.empty(), Naws.decode(Bytes.of(0, 80, 0)));
        assertEquals(Optional.empty(), Naws.decode(Bytes.of(0, 80, 0, 24, 0)));
    }

    @Test
    void terminalTypeIsAndSend() {
        assertArrayEquals(Bytes.of(1), TerminalType.send());
        assertTrue(TerminalType.isSend(Bytes.of(1)));
        assertArrayEquals(Bytes.of(0, "XTERM"), TerminalType.is("XTERM"));
        assertEquals(Optional.of("xterm-256color"), TerminalType.decodeIs(Bytes.of(0, "xterm-256color"), 40));
        assertEquals(Optional.empty(), TerminalType.decodeIs(Bytes.of(0), 40), "empty name");
        assertEquals(Optional.empty(), TerminalType.decodeIs(Bytes.of(1, "X"), 40), "SEND, not IS");
        assertEquals(Optional.empty(), TerminalType.decodeIs(Bytes.of(0, "A B"), 40), "space");
        assertEquals(Optional.empty(), TerminalType.decodeIs(Bytes.of(0, "ABCDE"), 4), "too long");
    }

    @Test
    void newEnvironRoundTripsWithEscapes() {
        List<EnvironmentVariable> variables = List.of(new EnvironmentVariable(false, "USER", "alice"),
                new EnvironmentVariable(true, "ODD\u0001NAME", "v\u0002\u0003"),
                new EnvironmentVariable(false, "DISPLAY", null));
        byte[] wire = NewEnviron.encode(false, variables);
        assertArrayEquals(Bytes.of(0, 0, "USER", 1, "alice", 3, "ODD", 2, 1, "NAME", 1, "v", 2, 2, 2, 3,
                0, "DISPLAY"), wire);
        assertEquals(Optional.of(variables), NewEnviron.decode(wire, 64));
        assertEquals(Optional.of(List.of()), NewEnviron.decode(Bytes.of(2), 64), "empty INFO");
        assertEquals(Optional.empty(), NewEnviron.decode(Bytes.of(1, 0, "USER"), 64), "SEND is not IS");
        assertEquals(Optional.empty(), NewEnviron.decode(Bytes.of(0, 0, "A", 2), 64), "trailing ESC");
        assertEquals(Optional.empty(), NewEnviron.decode(Bytes.of(0, 0, "A", 1, "x", 1, "y"), 64), "two values");
        assertEquals(Optional.empty(), NewEnviron.decode(Bytes.of(0, 0, "A", 0, "B"), 1), "too many");
    }

    @Test
    void linemodeMode() {
        assertArrayEquals(Bytes.of(1, 3), Linemode.mode(Linemode.EDIT | Linemode.TRAPSIG));
        assertEquals(OptionalInt.of(7), Linemode.decodeMode(Bytes.of(1, 7)));
        assertEquals(OptionalInt.empty(), Linemode.decodeMode(Bytes.of(2, 7)), "FORWARDMASK is not MODE");
        assertEquals(OptionalInt.empty(), Linemode.decodeMode(Bytes.of(1)));
    }
}
