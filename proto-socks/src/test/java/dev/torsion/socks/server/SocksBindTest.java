package dev.torsion.socks.server;

import static dev.torsion.socks.support.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.socks.SocksLimits;
import dev.torsion.socks.support.MemoryConnector;
import dev.torsion.socks.support.Wire;
import dev.torsion.testing.MemoryReactor.TcpServer;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.StringTransport.ProducerState;
import dev.torsion.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * BIND on memory transports (RFC 1928 §4 and §6, the SOCKS4 protocol text): the first reply names
 * the port opened where the client came in (127.0.0.1, the memory reactor's first port 40000 =
 * 0x9c40), the second the host that connected; then the core relay, both ways with backpressure.
 */
class SocksBindTest {
    private static final byte[] FIRST_REPLY = of(5, 0, 0, 1, 127, 0, 0, 1, 0x9c, 0x40);

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void assertWire(byte[] expected, Wire wire) {
        assertEquals(hex(expected), hex(wire.take()));
    }

    /** The connection that comes in to the BIND port, from {@code host}:{@code port}. */
    private static StringTransport incoming(TcpServer server, String host, int port) {
        return incomingConnection(server, host, port).transport();
    }

    private record Incoming(StringTransport transport, Protocol protocol) {
    }

    private static Incoming incomingConnection(TcpServer server, String host, int port) {
        StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 40000),
                new IPv4Address(SocketType.TCP, host, port));
        Protocol protocol = server.factory().buildProtocol(transport.getPeer());
        protocol.makeConnection(transport);
        return new Incoming(transport, protocol);
    }

    @Test
    void socks5BindRepliesTwiceThenRelaysBothWays() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 2, 0, 1, 192, 0, 2, 7, 0, 21, "early"));
        assertWire(of(5, 0, FIRST_REPLY), wire);
        assertEquals(SocksSessionState.AWAITING_INCOMING, wire.protocol.state());
        TcpServer server = wire.connector.reactor.tcpServers().get(0);
        assertEquals("127.0.0.1", server.interfaceAddress(), "listens where the client came in");
        assertEquals(1, server.backlog());
        assertEquals(ProducerState.PAUSED, wire.transport.producerState(), "nothing to relay to yet");

        Incoming incoming = incomingConnection(server, "192.0.2.7", 20);
        StringTransport in = incoming.transport();
        assertWire(of(5, 0, 0, 1, 192, 0, 2, 7, 0, 20), wire);
        assertFalse(server.listeningPort().isListening(), "exactly one connection: the port is closed");
        assertNull(server.factory().buildProtocol(new IPv4Address(SocketType.TCP, "192.0.2.7", 21)),
                "a second connection racing in is refused");
        assertEquals(SocksSessionState.RELAYING, wire.protocol.state());
        assertEquals("early", in.valueAsString(), "what the client sent early is relayed, not lost");
        assertSame(in, wire.transport.producer());
        assertSame(wire.transport, in.producer());
        assertEquals(ProducerState.PRODUCING, wire.transport.producerState());
        wire.send(of("RETR x"));
        assertTrue(in.valueAsString().endsWith("RETR x"));
        incoming.protocol().dataReceived("file".getBytes(StandardCharsets.US_ASCII));
        assertWire(of("file"), wire);
        // Relaying is not waiting: neither deadline is left.
        wire.clock.advance(Duration.ofMinutes(10));
        assertFalse(wire.transport.isDisconnecting());
        in.closeConnection(incoming.protocol(), true);
        assertTrue(wire.transport.isDisconnecting(), "a lost side closes the other");
    }

    @Test
    void socks4BindCarriesTheAddressesInDstportAndDstip() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(4, 2, 0, 21, 192, 0, 2, 7, "ftp", 0));
        assertWire(of(0, 90, 0x9c, 0x40, 127, 0, 0, 1), wire);
        incoming(wire.connector.reactor.tcpServers().get(0), "192.0.2.7", 20);
        assertWire(of(0, 90, 0, 20, 192, 0, 2, 7), wire);
        assertEquals(SocksSessionState.RELAYING, wire.protocol.state());
    }

    @Test
    void aConnectionFromAnotherHostIsRefusedAndEndsTheBind() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 2, 0, 1, 192, 0, 2, 7, 0, 21));
        wire.take();
        StringTransport in = incoming(wire.connector.reactor.tcpServers().get(0), "203.0.113.66", 20);
        assertWire(of(5, 2, 0, 1, 0, 0, 0, 0, 0, 0), wire);
        assertTrue(in.isAborted(), "the stranger is cut off");
        assertTrue(wire.transport.isDisconnecting());
        assertEquals(SocksSessionState.CLOSED, wire.protocol.state());
        assertFalse(wire.connector.reactor.tcpServers().get(0).listeningPort().isListening());
    }

    @Test
    void socks4RefusesAnotherHostWith91() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(4, 2, 0, 21, 192, 0, 2, 7, 0));
        wire.take();
        incoming(wire.connector.reactor.tcpServers().get(0), "192.0.2.8", 20);
        assertWire(of(0, 91, 0, 0, 0, 0, 0, 0), wire);
        assertTrue(wire.transport.isDisconnecting());
    }

    @Test
    void anUnspecifiedAddressTakesAnyHostTheRulesAllow() {
        SocksAccessRules rules = SocksAccessRules.builder().denyDestinations("10.0.0.0/8").build();
        Wire allowed = new Wire(new MemoryConnector(), rules, null, "127.0.0.1");
        allowed.send(of(5, 1, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0));
        assertWire(of(5, 0, FIRST_REPLY), allowed);
        incoming(allowed.connector.reactor.tcpServers().get(0), "192.0.2.9", 4444);
        assertWire(of(5, 0, 0, 1, 192, 0, 2, 9, 0x11, 0x5c), allowed);
        assertEquals(SocksSessionState.RELAYING, allowed.protocol.state());

        Wire denied = new Wire(new MemoryConnector(), rules, null, "127.0.0.1");
        denied.send(of(5, 1, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0));
        denied.take();
        StringTransport in = incoming(denied.connector.reactor.tcpServers().get(0), "10.1.1.1", 4444);
        assertWire(of(5, 2, 0, 1, 0, 0, 0, 0, 0, 0), denied);
        assertTrue(in.isAborted());
    }

    @Test
    void aNameIsResolvedAndTheConnectionMustComeFromItsAddress() {
        Wire wire = new Wire(new MemoryConnector().name("ftp.example", "192.0.2.21"));
        wire.send(of(5, 1, 0, 5, 2, 0, 3, 11, "ftp.example", 0, 21));
        assertWire(of(5, 0, FIRST_REPLY), wire);
        assertEquals("ftp.example", wire.connector.resolved.get(0));
        incoming(wire.connector.reactor.tcpServers().get(0), "192.0.2.21", 20);
        assertWire(of(5, 0, 0, 1, 192, 0, 2, 21, 0, 20), wire);
    }

    @Test
    void noConnectionInTimeEarnsAFailureAndClosesThePort() {
        TestClock clock = new TestClock();
        Wire wire = new Wire(clock, new MemoryConnector(), SocksAccessRules.loopbackOnly(), null,
                SocksLimits.DEFAULT.withBindTimeout(Duration.ofSeconds(90)), "127.0.0.1");
        wire.send(of(5, 1, 0, 5, 2, 0, 1, 192, 0, 2, 7, 0, 21));
        wire.take();
        // Past the 30 s handshake deadline: the BIND has its own.
        clock.advance(Duration.ofSeconds(89));
        assertFalse(wire.transport.isDisconnecting());
        clock.advance(Duration.ofSeconds(1));
        assertWire(of(5, 4, 0, 1, 0, 0, 0, 0, 0, 0), wire);
        assertTrue(wire.transport.isDisconnecting());
        assertFalse(wire.connector.reactor.tcpServers().get(0).listeningPort().isListening());
    }

    @Test
    void theClientLeavingWhileWaitingClosesThePort() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 2, 0, 1, 192, 0, 2, 7, 0, 21));
        wire.take();
        wire.transport.closeConnection(wire.protocol, true);
        TcpServer server = wire.connector.reactor.tcpServers().get(0);
        assertFalse(server.listeningPort().isListening());
        assertEquals(SocksSessionState.CLOSED, wire.protocol.state());
        // A connection that was already on its way finds nobody: it is cut off.
        StringTransport late = incoming(server, "192.0.2.7", 20);
        assertTrue(late.isAborted());
        assertEquals(0, wire.clock.getDelayedCalls().size(), "no timer left behind");
    }

    @Test
    void aHalfCloseWhileWaitingIsPassedOnOnceLinked() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 2, 0, 1, 192, 0, 2, 7, 0, 21));
        wire.take();
        wire.protocol.readConnectionLost();
        StringTransport in = incoming(wire.connector.reactor.tcpServers().get(0), "192.0.2.7", 20);
        assertTrue(in.isWriteConnectionClosed(), "the client's half-close reaches the incoming connection");
        assertFalse(in.isDisconnecting(), "which may still send");
    }
}
