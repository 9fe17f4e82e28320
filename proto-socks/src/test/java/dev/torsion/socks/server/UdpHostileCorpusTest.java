package dev.torsion.socks.server;

import static dev.torsion.socks.support.Bytes.of;
import static dev.torsion.socks.support.Bytes.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import dev.torsion.socks.support.MemoryConnector;
import dev.torsion.socks.support.Wire;
import dev.torsion.testing.MemoryReactor.UdpPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile datagrams sent to a UDP association's relay port (RFC 1928 §7): each is dropped, counted
 * under its exact {@link UdpDropReason}, and nothing leaves the server: no datagram to a
 * destination, no outward socket opened, no answer to the client, and the TCP connection stays.
 * Every prefix of a valid header is dropped as malformed too (the datagram analogue of replaying
 * byte by byte: a datagram is never split, but it can be cut short).
 */
class UdpHostileCorpusTest {
    private static final IPv4Address CLIENT = new IPv4Address(SocketType.UDP, "127.0.0.1", 5353);

    /** An association of loopback client port 5353, with rules denying 10.0.0.0/8 and port 25. */
    private static Association associate() {
        SocksAccessRules rules = SocksAccessRules.builder().denyDestinations("10.0.0.0/8")
                .denyDestinations("0.0.0.0/0", 25, 25).build();
        Wire wire = new Wire(new MemoryConnector().name("intranet", "10.0.0.5"), rules, null, "127.0.0.1");
        wire.send(of(5, 1, 0, 5, 3, 0, 1, 0, 0, 0, 0, 0x14, 0xe9));
        assertEquals(HexFormat.of().formatHex(of(5, 0, 5, 0, 0, 1, 127, 0, 0, 1, 0x9c, 0x40)),
                HexFormat.of().formatHex(wire.take()));
        return new Association(wire, wire.connector.reactor.udpPorts().get(0));
    }

    private record Association(Wire wire, UdpPort relay) {
        void receive(byte[] datagram, IPv4Address from) {
            relay.protocol().datagramReceived(datagram, from);
        }

        UdpAssociation association() {
            return wire.protocol.udpAssociation();
        }

        void assertNothingLeft(String name) {
            assertEquals(0, association().forwarded(), name + ": nothing forwarded");
            assertEquals(1, wire.connector.reactor.udpPorts().size(), name + ": no outward socket");
            assertTrue(relay.transport().sent().isEmpty(), name + ": nothing sent to the client");
            assertFalse(wire.transport.isDisconnecting(), name + ": the association stays");
            assertEquals(SocksSessionState.ASSOCIATED, wire.protocol.state());
        }
    }

    static Stream<Arguments> corpus() {
        IPv4Address third = new IPv4Address(SocketType.UDP, "203.0.113.9", 5353);
        IPv4Address otherPort = new IPv4Address(SocketType.UDP, "127.0.0.1", 5354);
        List<Arguments> entries = new ArrayList<>(List.of(
                Arguments.of("FRAG 1", of(0, 0, 1, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT, UdpDropReason.FRAGMENTED),
                Arguments.of("FRAG 0x80 (last fragment)", of(0, 0, 0x80, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT,
                        UdpDropReason.FRAGMENTED),
                Arguments.of("lying domain length", of(0, 0, 0, 3, 200, "abc", 0, 53, "q"), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("domain length past the end by one", of(0, 0, 0, 3, 4, "abc", 0, 53), CLIENT,
                        UdpDropReason.MALFORMED),
                Arguments.of("IPv6 address cut short", of(0, 0, 0, 4, repeat(0x20, 10)), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("IPv4 without a port", of(0, 0, 0, 1, 192, 0, 2, 53), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("empty datagram", of(), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("unknown address type", of(0, 0, 0, 9, 192, 0, 2, 53, 0, 53, "q"), CLIENT,
                        UdpDropReason.MALFORMED),
                Arguments.of("empty name", of(0, 0, 0, 3, 0, 0, 53, "q"), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("name with a NUL", of(0, 0, 0, 3, 5, "ev", 0, "l", 0, 53, "q"), CLIENT, UdpDropReason.MALFORMED),
                Arguments.of("from a third address", of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), third,
                        UdpDropReason.FROM_THIRD_ADDRESS),
                Arguments.of("from the client's address but another port", of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"),
                        otherPort, UdpDropReason.FROM_THIRD_ADDRESS),
                Arguments.of("payload over the limit", of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, repeat('x', 8193)), CLIENT,
                        UdpDropReason.OVERSIZED),
                Arguments.of("to a denied network", of(0, 0, 0, 1, 10, 1, 2, 3, 0, 53, "q"), CLIENT, UdpDropReason.DENIED),
                Arguments.of("to a denied port", of(0, 0, 0, 1, 192, 0, 2, 1, 0, 25, "q"), CLIENT, UdpDropReason.DENIED),
                Arguments.of("by name to a denied network", of(0, 0, 0, 3, 8, "intranet", 0, 53, "q"), CLIENT,
                        UdpDropReason.DENIED),
                Arguments.of("to an unresolvable name", of(0, 0, 0, 3, 7, "nowhere", 0, 53, "q"), CLIENT,
                        UdpDropReason.UNRESOLVABLE),
                Arguments.of("to port 0", of(0, 0, 0, 1, 192, 0, 2, 53, 0, 0, "q"), CLIENT, UdpDropReason.UNREACHABLE)));
        return entries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isDroppedAndCounted(String name, byte[] datagram, IPv4Address from, UdpDropReason reason) {
        Association association = associate();
        association.receive(datagram, from);
        for (UdpDropReason each : UdpDropReason.values()) {
            assertEquals(each == reason ? 1 : 0, association.association().dropped(each), name + ": " + each);
        }
        association.assertNothingLeft(name);
    }

    @Test
    void everyPrefixOfAValidHeaderIsDroppedAsMalformed() {
        for (byte[] valid : List.of(of(0, 0, 0, 3, 7, "example", 0, 53), of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53),
                of(0, 0, 0, 4, 0x20, 1, 0x0d, 0xb8, repeat(0, 11), 1, 0, 53))) {
            Association association = associate();
            for (int length = 0; length < valid.length; length++) {
                association.receive(Arrays.copyOf(valid, length), CLIENT);
            }
            assertEquals(valid.length, association.association().dropped(UdpDropReason.MALFORMED));
            association.assertNothingLeft(HexFormat.of().formatHex(valid));
        }
    }
}
