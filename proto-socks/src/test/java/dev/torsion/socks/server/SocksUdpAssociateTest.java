package dev.torsion.socks.server;

import static dev.torsion.socks.support.Bytes.of;
import static dev.torsion.socks.support.Bytes.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.SocketType;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.support.MemoryConnector;
import dev.torsion.socks.support.Wire;
import dev.torsion.testing.MemoryDatagramTransport.Sent;
import dev.torsion.testing.MemoryReactor.UdpPort;
import dev.torsion.testing.TestClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * UDP ASSOCIATE on memory sockets (RFC 1928 §7): the reply names the relay port opened where the
 * client came in; the client's datagrams are unwrapped and sent from an outward socket; answers
 * from where the client sent are wrapped and sent back; the association lives and dies with its
 * TCP connection, and is counted per client.
 */
class SocksUdpAssociateTest {
    private static final IPv4Address CLIENT = new IPv4Address(SocketType.UDP, "127.0.0.1", 5353);
    private static final byte[] ASSOCIATE_FROM_5353 = of(5, 1, 0, 5, 3, 0, 1, 0, 0, 0, 0, 0x14, 0xe9);

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static Wire associated(Wire wire, byte[] request) {
        wire.send(request);
        assertEquals(hex(of(5, 0, 5, 0, 0, 1, 127, 0, 0, 1, 0x9c, 0x40)), hex(wire.take()));
        assertEquals(SocksSessionState.ASSOCIATED, wire.protocol.state());
        return wire;
    }

    private static UdpPort relay(Wire wire) {
        return wire.connector.reactor.udpPorts().get(0);
    }

    private static UdpPort outward(Wire wire) {
        return wire.connector.reactor.udpPorts().get(1);
    }

    private static void assertSent(List<Sent> sent, byte[] data, Address to) {
        assertEquals(1, sent.size(), "one datagram");
        assertEquals(hex(data), hex(sent.get(0).data()));
        assertEquals(to, sent.get(0).to());
    }

    @Test
    void datagramsAreUnwrappedSentOnAndTheAnswersWrappedBack() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        UdpPort relay = relay(wire);
        assertEquals("127.0.0.1", relay.interfaceAddress(), "the relay listens where the client came in");
        relay.protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "query"), CLIENT);
        UdpPort outward = outward(wire);
        assertEquals("0.0.0.0", outward.interfaceAddress(), "destinations are reached by the routes");
        assertSent(outward.transport().sent(), of("query"), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));

        outward.protocol().datagramReceived(of("answer"), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));
        assertSent(relay.transport().sent(), of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "answer"), CLIENT);
        UdpAssociation association = wire.protocol.udpAssociation();
        assertEquals(1, association.forwarded());
        assertEquals(1, association.returned());
        assertFalse(wire.transport.isDisconnecting());
    }

    @Test
    void ipv6DestinationsGoThroughAnIpv6Socket() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        relay(wire).protocol().datagramReceived(
                of(0, 0, 0, 4, 0x20, 1, 0x0d, 0xb8, repeat(0, 11), 1, 0, 53, "six"), CLIENT);
        UdpPort outward = outward(wire);
        assertEquals("::", outward.interfaceAddress());
        assertSent(outward.transport().sent(), of("six"), new IPv6Address(SocketType.UDP, "2001:db8:0:0:0:0:0:1", 53));
        outward.protocol().datagramReceived(of("back"), new IPv6Address(SocketType.UDP, "2001:db8::1", 53));
        assertSent(relay(wire).transport().sent(),
                of(0, 0, 0, 4, 0x20, 1, 0x0d, 0xb8, repeat(0, 11), 1, 0, 53, "back"), CLIENT);
    }

    @Test
    void namesAreResolvedByTheServer() {
        Wire wire = associated(new Wire(new MemoryConnector().name("dns.example", "192.0.2.53")), ASSOCIATE_FROM_5353);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 3, 11, "dns.example", 0, 53, "q"), CLIENT);
        assertEquals(List.of("dns.example"), wire.connector.resolved);
        assertSent(outward(wire).transport().sent(), of("q"), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));
        // The answer comes back under the address, as the client cannot be told the name.
        outward(wire).protocol().datagramReceived(of("a"), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));
        assertSent(relay(wire).transport().sent(), of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "a"), CLIENT);
    }

    @Test
    void anUndeclaredPortIsLearnedFromTheFirstDatagram() {
        Wire wire = associated(new Wire(new MemoryConnector()), of(5, 1, 0, 5, 3, 0, 1, 0, 0, 0, 0, 0, 0));
        UdpAssociation association = wire.protocol.udpAssociation();
        assertEquals(0, association.clientPort());
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT);
        assertEquals(5353, association.clientPort());
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"),
                new IPv4Address(SocketType.UDP, "127.0.0.1", 6000));
        assertEquals(1, association.dropped(UdpDropReason.FROM_THIRD_ADDRESS));
        assertEquals(1, association.forwarded());
    }

    @Test
    void aNameForTheClientsAddressIsTakenAsUnknownButItsPortKept() {
        // PySocks declares ("0", port), which it sends as the name "0".
        Wire wire = associated(new Wire(new MemoryConnector()), of(5, 1, 0, 5, 3, 0, 3, 1, "0", 0x14, 0xe9));
        assertEquals(5353, wire.protocol.udpAssociation().clientPort());
        assertTrue(wire.connector.resolved.isEmpty(), "never resolved");
    }

    @Test
    void answersFromElsewhereAreNotPassedOn() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT);
        UdpPort outward = outward(wire);
        outward.protocol().datagramReceived(of("spoof"), new IPv4Address(SocketType.UDP, "203.0.113.9", 53));
        outward.protocol().datagramReceived(of("spoof"), new IPv4Address(SocketType.UDP, "192.0.2.53", 54));
        assertTrue(relay(wire).transport().sent().isEmpty());
        assertEquals(2, wire.protocol.udpAssociation().dropped(UdpDropReason.UNSOLICITED));
    }

    @Test
    void payloadsOverTheLimitAreDroppedBothWays() {
        TestClock clock = new TestClock();
        Wire wire = associated(new Wire(clock, new MemoryConnector(), SocksAccessRules.loopbackOnly(), null,
                SocksLimits.DEFAULT.withUdp(16, 8), "127.0.0.1"), ASSOCIATE_FROM_5353);
        assertEquals(16 + 262 + 1, relay(wire).maxPacketSize(), "one byte more than the largest, to see truncation");
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, repeat('x', 16)), CLIENT);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, repeat('x', 17)), CLIENT);
        assertEquals(1, outward(wire).transport().sent().size());
        assertEquals(17, outward(wire).maxPacketSize());
        outward(wire).protocol().datagramReceived(repeat('y', 17), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));
        assertTrue(relay(wire).transport().sent().isEmpty());
        assertEquals(2, wire.protocol.udpAssociation().dropped(UdpDropReason.OVERSIZED));
    }

    @Test
    void closingTheConnectionEndsTheAssociation() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT);
        wire.transport.closeConnection(wire.protocol, true);
        assertTrue(wire.protocol.udpAssociation().isClosed());
        assertFalse(relay(wire).transport().isListening());
        assertFalse(outward(wire).transport().isListening());
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "late"), CLIENT);
        assertEquals(1, outward(wire).transport().sent().size(), "nothing relayed after the end");
        assertEquals(0, wire.clock.getDelayedCalls().size(), "no timer left behind");
    }

    @Test
    void theClientHalfClosingEndsTheAssociation() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        wire.protocol.readConnectionLost();
        assertTrue(wire.transport.isDisconnecting());
        assertEquals(SocksSessionState.CLOSED, wire.protocol.state());
    }

    @Test
    void bytesOnTheControlConnectionAreIgnored() {
        Wire wire = associated(new Wire(new MemoryConnector()), ASSOCIATE_FROM_5353);
        wire.send(of("chatter"));
        assertEquals("", hex(wire.take()));
        assertFalse(wire.transport.isDisconnecting());
    }

    @Test
    void anIdleAssociationClosesItsConnection() {
        TestClock clock = new TestClock();
        Wire wire = associated(new Wire(clock, new MemoryConnector(), SocksAccessRules.loopbackOnly(), null,
                SocksLimits.DEFAULT.withUdpIdleTimeout(Duration.ofSeconds(60)), "127.0.0.1"), ASSOCIATE_FROM_5353);
        clock.advance(Duration.ofSeconds(40));
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT);
        clock.advance(Duration.ofSeconds(40));
        outward(wire).protocol().datagramReceived(of("a"), new IPv4Address(SocketType.UDP, "192.0.2.53", 53));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(wire.transport.isDisconnecting(), "traffic either way keeps it");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(wire.transport.isDisconnecting());
        wire.transport.closeConnection(wire.protocol, true);
        assertFalse(relay(wire).transport().isListening());
    }

    @Test
    void associationsAreCountedPerClient() {
        TestClock clock = new TestClock();
        MemoryConnector connector = new MemoryConnector();
        SocksServerFactory factory = new SocksServerFactory(clock, connector, SocksAccessRules.loopbackOnly(), null,
                SocksLimits.DEFAULT.withUdp(8192, 2));
        Wire first = new Wire(clock, factory, connector, "127.0.0.1").send(ASSOCIATE_FROM_5353);
        Wire second = new Wire(clock, factory, connector, "127.0.0.1").send(ASSOCIATE_FROM_5353);
        assertEquals(SocksSessionState.ASSOCIATED, first.protocol.state());
        assertEquals(SocksSessionState.ASSOCIATED, second.protocol.state());
        Wire third = new Wire(clock, factory, connector, "127.0.0.1").send(ASSOCIATE_FROM_5353);
        assertEquals(hex(of(5, 0, 5, 1, 0, 1, 0, 0, 0, 0, 0, 0)), hex(third.take()));
        assertTrue(third.transport.isDisconnecting());
        assertEquals(2, connector.reactor.udpPorts().size(), "no relay opened for the third");
        Wire otherClient = new Wire(clock, factory, connector, "127.0.0.2").send(ASSOCIATE_FROM_5353);
        assertEquals(SocksSessionState.ASSOCIATED, otherClient.protocol.state());
        first.transport.closeConnection(first.protocol, true);
        third.transport.closeConnection(third.protocol, true);
        Wire fourth = new Wire(clock, factory, connector, "127.0.0.1").send(ASSOCIATE_FROM_5353);
        assertEquals(SocksSessionState.ASSOCIATED, fourth.protocol.state(), "a closed association gives its place back");
    }

    @Test
    void namesResolvedAtOnceAreBounded() {
        MemoryConnector connector = new MemoryConnector().holdResolutions();
        Wire wire = associated(new Wire(connector), ASSOCIATE_FROM_5353);
        for (int i = 0; i < 17; i++) {
            relay(wire).protocol().datagramReceived(of(0, 0, 0, 3, 11, "dns.example", 0, 53, "q"), CLIENT);
        }
        assertEquals(16, connector.pendingResolutions.size());
        UdpAssociation association = wire.protocol.udpAssociation();
        assertEquals(1, association.dropped(UdpDropReason.RESOLVER_BUSY));
        connector.pendingResolutions.get(0).callback(InetAddress.getLoopbackAddress());
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 3, 11, "dns.example", 0, 53, "q"), CLIENT);
        assertEquals(17, connector.pendingResolutions.size(), "a place freed is taken again");
        assertEquals(1, association.forwarded());
    }

    @Test
    void ruleDenialsApplyToEveryDatagram() {
        SocksAccessRules rules = SocksAccessRules.builder().denyDestinations("192.0.2.0/24", 53, 53).build();
        Wire wire = associated(new Wire(new MemoryConnector(), rules, null, "127.0.0.1"), ASSOCIATE_FROM_5353);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 53, "q"), CLIENT);
        relay(wire).protocol().datagramReceived(of(0, 0, 0, 1, 192, 0, 2, 53, 0, 54, "q"), CLIENT);
        UdpAssociation association = wire.protocol.udpAssociation();
        assertEquals(1, association.dropped(UdpDropReason.DENIED));
        assertEquals(1, association.forwarded());
    }
}
