package dev.torsion.socks.server;

import static dev.torsion.socks.support.Bytes.of;
import static dev.torsion.socks.support.Bytes.repeat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.socks.codec.SocksCommand;
import dev.torsion.socks.support.Logins;
import dev.torsion.socks.support.MemoryConnector;
import dev.torsion.socks.support.Wire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken clients, each input replayed whole and byte by byte, with the exact reply it
 * earns (RFC 1928 §3 and §6, RFC 1929 §2, SOCKS4's 91), whether the connection is closed, and that
 * no destination was contacted and no BIND port or UDP relay opened. The hostile datagrams of UDP
 * associations are in {@link UdpHostileCorpusTest}.
 */
class SocksHostileCorpusTest {
    private static final byte[] NO_AUTH = of(5, 1, 0);
    private static final byte[] CHOSE_NO_AUTH = of(5, 0);
    private static final byte[] NONE_ACCEPTABLE = of(5, 0xFF);
    private static final byte[] SOCKS4_REJECTED = of(0, 91, 0, 0, 0, 0, 0, 0);

    private static byte[] socks5Reply(int code) {
        return of(5, code, 0, 1, 0, 0, 0, 0, 0, 0);
    }

    private static Wire plain() {
        return new Wire(new MemoryConnector().name("intranet", "10.0.0.5").refuse(9));
    }

    private static Wire guarded() {
        return new Wire(new MemoryConnector(), SocksAccessRules.loopbackOnly(), new Logins().portal, "127.0.0.1");
    }

    private static Wire denying() {
        SocksAccessRules rules = SocksAccessRules.builder().denyDestinations("10.0.0.0/8")
                .denyDestinations("0.0.0.0/0", 25, 25).build();
        return new Wire(new MemoryConnector().name("intranet", "10.0.0.5"), rules, null, "127.0.0.1");
    }

    private static Wire commandsOff() {
        SocksAccessRules rules = SocksAccessRules.builder().refuse(SocksCommand.BIND).refuse(SocksCommand.UDP_ASSOCIATE)
                .build();
        return new Wire(new MemoryConnector(), rules, null, "127.0.0.1");
    }

    private static Wire outsider() {
        return new Wire(new MemoryConnector(), SocksAccessRules.loopbackOnly(), null, "203.0.113.5");
    }

    private static byte[] methods(int first, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) (first + i);
        }
        return out;
    }

    static Stream<Arguments> corpus() {
        List<Object[]> entries = List.of(
                entry("truncated greeting", SocksHostileCorpusTest::plain, of(5, 3, 0), of(), false),
                entry("greeting with a lying method count", SocksHostileCorpusTest::plain, of(5, 255, 0, 2), of(), false),
                entry("255 methods, none acceptable", SocksHostileCorpusTest::plain, of(5, 255, methods(1, 255)),
                        NONE_ACCEPTABLE, true),
                entry("255 methods with no-auth among them", SocksHostileCorpusTest::plain, of(5, 255, methods(0, 255)),
                        CHOSE_NO_AUTH, false),
                entry("no methods", SocksHostileCorpusTest::plain, of(5, 0), NONE_ACCEPTABLE, true),
                entry("lying domain length", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 1, 0, 3, 200, "only-ten-b"), CHOSE_NO_AUTH, false),
                entry("empty domain", SocksHostileCorpusTest::plain, of(NO_AUTH, 5, 1, 0, 3, 0, 0, 80),
                        of(CHOSE_NO_AUTH, socks5Reply(1)), true),
                entry("domain with a NUL", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 1, 0, 3, 12, "evil.com", 0, ".lan", 0, 80), of(CHOSE_NO_AUTH, socks5Reply(1)), true),
                entry("unknown address type", SocksHostileCorpusTest::plain, of(NO_AUTH, 5, 1, 0, 7, 1, 2, 3, 4, 0, 80),
                        of(CHOSE_NO_AUTH, socks5Reply(8)), true),
                entry("request with version 4", SocksHostileCorpusTest::plain, of(NO_AUTH, 4, 1, 0, 1, 1, 2, 3, 4, 0, 80),
                        of(CHOSE_NO_AUTH, socks5Reply(1)), true),
                entry("unknown version", SocksHostileCorpusTest::plain, of("GET / HTTP/1.1\r\n\r\n"), of(), true),
                entry("BIND switched off", SocksHostileCorpusTest::commandsOff, of(NO_AUTH, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80),
                        of(CHOSE_NO_AUTH, socks5Reply(7)), true),
                entry("UDP ASSOCIATE switched off", SocksHostileCorpusTest::commandsOff,
                        of(NO_AUTH, 5, 3, 0, 1, 0, 0, 0, 0, 0, 0), of(CHOSE_NO_AUTH, socks5Reply(7)), true),
                entry("SOCKS4 BIND switched off", SocksHostileCorpusTest::commandsOff, of(4, 2, 0, 80, 127, 0, 0, 1, 0),
                        SOCKS4_REJECTED, true),
                entry("unknown command", SocksHostileCorpusTest::plain, of(NO_AUTH, 5, 9, 0, 1, 127, 0, 0, 1, 0, 80),
                        of(CHOSE_NO_AUTH, socks5Reply(7)), true),
                entry("SOCKS4 with CD 3 (SOCKS4 has no UDP)", SocksHostileCorpusTest::plain, of(4, 3, 0, 80, 127, 0, 0, 1, 0),
                        SOCKS4_REJECTED, true),
                entry("BIND to a denied network", SocksHostileCorpusTest::denying,
                        of(NO_AUTH, 5, 2, 0, 1, 10, 1, 2, 3, 0, 21), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("BIND by name to a denied network", SocksHostileCorpusTest::denying,
                        of(NO_AUTH, 5, 2, 0, 3, 8, "intranet", 0, 21), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("SOCKS4 BIND to a denied network", SocksHostileCorpusTest::denying, of(4, 2, 0, 21, 10, 0, 0, 1, 0),
                        SOCKS4_REJECTED, true),
                entry("BIND by an unresolvable name", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 2, 0, 3, 7, "nowhere", 0, 21), of(CHOSE_NO_AUTH, socks5Reply(4)), true),
                entry("UDP ASSOCIATE for another host", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 3, 0, 1, 192, 0, 2, 1, 0x14, 0xe9), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("UDP ASSOCIATE for another host by IPv6", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 3, 0, 4, 0x20, 1, 0x0d, 0xb8, repeat(0, 11), 1, 0x14, 0xe9),
                        of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("UDP ASSOCIATE with a lying domain length", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 3, 0, 3, 250, "short"), CHOSE_NO_AUTH, false),
                entry("SOCKS4 user id too long", SocksHostileCorpusTest::plain,
                        of(4, 1, 0, 80, 127, 0, 0, 1, repeat('u', 300), 0), SOCKS4_REJECTED, true),
                entry("SOCKS4a empty name", SocksHostileCorpusTest::plain, of(4, 1, 0, 80, 0, 0, 0, 1, 0, 0),
                        SOCKS4_REJECTED, true),
                entry("connection refused", SocksHostileCorpusTest::plain, of(NO_AUTH, 5, 1, 0, 1, 127, 0, 0, 1, 0, 9),
                        of(CHOSE_NO_AUTH, socks5Reply(5)), true),
                entry("unresolvable name", SocksHostileCorpusTest::plain,
                        of(NO_AUTH, 5, 1, 0, 3, 7, "nowhere", 0, 80), of(CHOSE_NO_AUTH, socks5Reply(4)), true),
                entry("SOCKS4 unresolvable name", SocksHostileCorpusTest::plain,
                        of(4, 1, 0, 80, 0, 0, 0, 1, 0, "nowhere", 0), SOCKS4_REJECTED, true),
                entry("CONNECT to a denied network", SocksHostileCorpusTest::denying,
                        of(NO_AUTH, 5, 1, 0, 1, 10, 1, 2, 3, 0, 80), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("CONNECT to a denied port", SocksHostileCorpusTest::denying,
                        of(NO_AUTH, 5, 1, 0, 1, 192, 0, 2, 1, 0, 25), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("CONNECT by name to a denied network", SocksHostileCorpusTest::denying,
                        of(NO_AUTH, 5, 1, 0, 3, 8, "intranet", 0, 80), of(CHOSE_NO_AUTH, socks5Reply(2)), true),
                entry("SOCKS4 to a denied network", SocksHostileCorpusTest::denying, of(4, 1, 0, 80, 10, 0, 0, 1, 0),
                        SOCKS4_REJECTED, true),
                entry("client outside the allowed networks", SocksHostileCorpusTest::outsider, NO_AUTH, of(), true),
                entry("SOCKS4 where a login is required", SocksHostileCorpusTest::guarded,
                        of(4, 1, 0, 80, 127, 0, 0, 1, 0), SOCKS4_REJECTED, true),
                entry("no-auth where a login is required", SocksHostileCorpusTest::guarded, NO_AUTH, NONE_ACCEPTABLE, true),
                entry("sub-negotiation with version 5", SocksHostileCorpusTest::guarded, of(5, 1, 2, 5, 1, "a", 1, "b"),
                        of(5, 2, 1, 1), true),
                entry("wrong password", SocksHostileCorpusTest::guarded, of(5, 1, 2, 1, 5, "alice", 5, "wrong"),
                        of(5, 2, 1, 1), true),
                entry("unknown user", SocksHostileCorpusTest::guarded, of(5, 1, 2, 1, 3, "eve", 6, "s3cret"),
                        of(5, 2, 1, 1), true));
        List<Arguments> out = new ArrayList<>();
        for (Object[] e : entries) {
            out.add(Arguments.of(e[0] + " (whole)", e[1], e[2], e[3], e[4], false));
            out.add(Arguments.of(e[0] + " (byte by byte)", e[1], e[2], e[3], e[4], true));
        }
        return out.stream();
    }

    private static Object[] entry(String name, Supplier<Wire> server, byte[] input, byte[] reply, boolean closed) {
        return new Object[] {name, server, input, reply, closed};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void earnsItsExactReply(String name, Supplier<Wire> server, byte[] input, byte[] reply, boolean closed,
            boolean byteByByte) {
        Wire wire = server.get();
        if (byteByByte) {
            wire.sendByteByByte(input);
        } else {
            wire.send(input);
        }
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(reply), hex.formatHex(wire.take()), name);
        assertEquals(closed, wire.transport.isDisconnecting(), name + ": closed");
        assertTrue(wire.connector.connections.isEmpty(), name + ": no destination contacted");
        assertTrue(wire.connector.reactor.tcpServers().isEmpty(), name + ": no BIND port opened");
        assertTrue(wire.connector.reactor.udpPorts().isEmpty(), name + ": no UDP relay opened");
        if (closed) {
            assertEquals(SocksSessionState.CLOSED, wire.protocol.state());
            wire.send(of(5, 1, 0));
            assertArrayEquals(of(), wire.take(), "nothing more after a refusal");
        } else {
            // Whatever is left hanging is aborted by the handshake deadline (30 s).
            wire.clock.advance(Duration.ofSeconds(29));
            assertTrue(!wire.transport.isDisconnecting(), name + ": not before the deadline");
            wire.clock.advance(Duration.ofSeconds(1));
            assertTrue(wire.transport.isAborted(), name + ": aborted at the deadline");
        }
    }
}
