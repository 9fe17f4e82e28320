package dev.torsion.telnet.manhole;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.cred.Portal;
import dev.torsion.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.support.Bytes;
import dev.torsion.telnet.support.Screen;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile keystrokes at the manhole's login (the whole stack: Telnet, terminal layer, login), each
 * replayed whole and one byte at a time, with its exact outcome: whether the session is closed,
 * the bells rung, and what the login screen shows. Nothing grows without bound: lines stop at the
 * limit, escape sequences are abandoned, and no secret is ever echoed.
 */
class ManholeHostileCorpusTest {
    private static final IPv4Address PEER = new IPv4Address(SocketType.TCP, "127.0.0.1", 40000);

    /** An input, whether it closes the session, the bells it earns, and a text the screen shows (or must not). */
    record Case(String name, byte[] input, boolean closed, int bells, String shows, String neverShows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a 5000-character user name stops at the line limit",
                Bytes.of("A".repeat(5000), "\r\n"), false, 904, "login: " + "A".repeat(4096), "A".repeat(4097)));
        // After 16 parameter bytes the sequence is abandoned (the 17th byte with it); the rest is typed
        // text: 19,983 characters, 4,096 taken, each one past the limit a bell.
        cases.add(new Case("an endless escape sequence is abandoned, then held to the line limit",
                Bytes.of("\u001b[", "9".repeat(20_000)), false, 15_887, "login: " + "9".repeat(4096), "9".repeat(4097)));
        cases.add(new Case("control characters ring the bell and are not echoed",
                Bytes.repeat(Bytes.of(0x1A, 0x1C, 0x1D, 0x1E, 0x1F, 0x07), 500), false, 3000, "login:", "\u001a"));
        cases.add(new Case("ten thousand Ctrl-C at the login prompt",
                Bytes.repeat(Bytes.of(3), 10_000), false, 0, "login: ^C", null));
        cases.add(new Case("Ctrl-D at the login prompt hangs up", Bytes.of(4), true, 0, "login:", null));
        cases.add(new Case("arrows and history keys inside the password echo nothing",
                Bytes.of("admin\r\n", "\u001b[A\u001b[D\u001b[3~", "hunter2", "\u001b[H\u001b[F\r\n"), false, 3,
                "Login incorrect", "hunter2"));
        cases.add(new Case("three wrong passwords hang up",
                Bytes.repeat(Bytes.of("admin\r\nwrong\r\n"), 3), true, 0, "Login incorrect", "wrong"));
        cases.add(new Case("an IAC flood in the user name is data (byte 255 is not UTF-8: U+FFFD each)",
                Bytes.of(Bytes.repeat(Bytes.of(255, 255), 5000), "\r\n"), false, 904, "Password:", null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void wholeAndByteByByte(Case hostile) {
        for (List<byte[]> delivery : Bytes.wholeAndByteByByte(hostile.input)) {
            MemoryReactor reactor = new MemoryReactor();
            StringTransport wire = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 4040), PEER);
            Portal portal = new Portal(new ManholeRealm(),
                    new InMemoryUsernamePasswordDatabaseDontUse().addUser("admin", "secret"));
            Protocol server = ManholeServer.telnetFactory(reactor, portal, ManholeNamespace.empty(),
                    TelnetLimits.DEFAULT, false).buildProtocol(PEER);
            server.makeConnection(wire);
            for (byte[] piece : delivery) {
                if (wire.isDisconnecting()) {
                    break;
                }
                server.dataReceived(piece);
                reactor.runPending();
            }
            String text = withoutNegotiation(wire.value());
            Screen screen = new Screen().feed(text.getBytes(StandardCharsets.UTF_8));
            String shown = String.join("\n", screen.lines());
            String how = hostile.name + " in " + delivery.size() + " pieces";
            assertAll(how,
                () -> assertEquals(hostile.closed, wire.isDisconnecting(), "closed"),
                () -> assertEquals(hostile.bells, screen.bells(), "bells"),
                () -> assertTrue(shown.contains(hostile.shows), "shows " + hostile.shows),
                () -> assertTrue(hostile.neverShows == null || !text.contains(hostile.neverShows),
                        "never shows " + hostile.neverShows));
            server.notifyConnectionLost(null);
        }
    }

    /** The server's output without its Telnet negotiation (IAC sequences), as UTF-8 text. */
    private static String withoutNegotiation(byte[] wire) {
        StringBuilder out = new StringBuilder();
        byte[] plain = new byte[wire.length];
        int n = 0;
        for (int i = 0; i < wire.length; i++) {
            if ((wire[i] & 0xFF) == 255) {
                i += (wire[i + 1] & 0xFF) >= 251 ? 2 : 1;
                continue;
            }
            plain[n++] = wire[i];
        }
        out.append(new String(plain, 0, n, StandardCharsets.UTF_8));
        return out.toString();
    }
}
