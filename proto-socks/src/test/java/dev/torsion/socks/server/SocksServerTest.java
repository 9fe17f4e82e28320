package dev.torsion.socks.server;

import static dev.torsion.socks.support.Bytes.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.socks.codec.Destination;
import dev.torsion.socks.support.Logins;
import dev.torsion.socks.support.MemoryConnector;
import dev.torsion.socks.support.MemoryConnector.Connection;
import dev.torsion.socks.support.Wire;
import dev.torsion.testing.StringTransport.ProducerState;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server on memory transports: successful CONNECTs by every version and address type, and the relay after them. */
class SocksServerTest {
    /** RFC 1928 §6: success, BND.ADDR 10.9.9.9, BND.PORT 40000 (the memory destination's local side). */
    private static final byte[] SOCKS5_SUCCESS = of(5, 0, 0, 1, 10, 9, 9, 9, 0x9c, 0x40);
    private static final byte[] SOCKS4_GRANTED = of(0, 90, 0, 0, 0, 0, 0, 0);

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static void assertWire(byte[] expected, Wire wire) {
        assertEquals(hex(expected), hex(wire.take()));
    }

    private static void assertRelaying(Wire wire, Connection destination) {
        assertEquals(SocksSessionState.RELAYING, wire.protocol.state());
        // The core relay's flow control: each transport throttles the other's reading.
        assertSame(destination.transport(), wire.transport.producer());
        assertSame(wire.transport, destination.transport().producer());
        assertEquals(ProducerState.PRODUCING, wire.transport.producerState());
        wire.send(of("ping"));
        assertTrue(destination.transport().valueAsString().endsWith("ping"));
        destination.protocol().dataReceived("pong".getBytes(StandardCharsets.US_ASCII));
        assertWire(of("pong"), wire);
        // Relaying is not a handshake: its deadline is gone.
        wire.clock.advance(Duration.ofMinutes(5));
        assertFalse(wire.transport.isDisconnecting());
    }

    @Test
    void socks5ConnectToIpv4ForwardsEarlyDataAndRelays() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80, "early"));
        assertWire(of(5, 0, SOCKS5_SUCCESS), wire);
        Connection destination = wire.connector.connections.get(0);
        assertEquals("127.0.0.1", destination.address().getHostAddress());
        assertEquals(80, destination.port());
        assertEquals("early", destination.transport().valueAsString());
        assertRelaying(wire, destination);
    }

    @Test
    void socks5ConnectToIpv6ByteByByte() {
        Wire wire = new Wire(new MemoryConnector());
        wire.sendByteByByte(of(5, 1, 0, 5, 1, 0, 4, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 22));
        assertWire(of(5, 0, SOCKS5_SUCCESS), wire);
        Connection destination = wire.connector.connections.get(0);
        assertEquals("2001:db8:0:0:0:0:0:1", destination.address().getHostAddress());
        assertEquals(22, destination.port());
        assertRelaying(wire, destination);
    }

    @Test
    void socks5DomainIsResolvedByTheServer() {
        Wire wire = new Wire(new MemoryConnector().name("example.org", "192.0.2.10"));
        wire.send(of(5, 2, 2, 0, 5, 1, 0, 3, 11, "example.org", 1, 187));
        assertWire(of(5, 0, SOCKS5_SUCCESS), wire);
        assertEquals(List.of("example.org"), wire.connector.resolved);
        assertEquals("192.0.2.10", wire.connector.connections.get(0).address().getHostAddress());
        assertEquals(443, wire.connector.connections.get(0).port());
        assertRelaying(wire, wire.connector.connections.get(0));
    }

    @Test
    void socks4AndSocks4a() {
        Wire v4 = new Wire(new MemoryConnector());
        v4.send(of(4, 1, 0x1f, 0x90, 192, 0, 2, 1, "bob", 0));
        assertWire(SOCKS4_GRANTED, v4);
        assertEquals("192.0.2.1", v4.connector.connections.get(0).address().getHostAddress());
        assertEquals(8080, v4.connector.connections.get(0).port());
        assertRelaying(v4, v4.connector.connections.get(0));

        Wire v4a = new Wire(new MemoryConnector().name("example.net", "198.51.100.7"));
        v4a.sendByteByByte(of(4, 1, 0, 80, 0, 0, 0, 1, 0, "example.net", 0));
        assertWire(SOCKS4_GRANTED, v4a);
        assertEquals("198.51.100.7", v4a.connector.connections.get(0).address().getHostAddress());
        assertRelaying(v4a, v4a.connector.connections.get(0));
    }

    @Test
    void usernamePasswordLoginThroughThePortal() {
        Logins logins = new Logins();
        Wire wire = new Wire(new MemoryConnector(), SocksAccessRules.loopbackOnly(), logins.portal, "127.0.0.1");
        wire.sendByteByByte(of(5, 2, 0, 2, 1, 5, "alice", 6, "s3cret", 5, 1, 0, 1, 127, 0, 0, 1, 0, 80));
        assertWire(of(5, 2, 1, 0, SOCKS5_SUCCESS), wire);
        assertRelaying(wire, wire.connector.connections.get(0));
        wire.protocol.connectionLost(Failure.of(new ConnectionDone("client left")));
        assertEquals(1, logins.logouts.get(), "the avatar is logged out when the connection ends");
    }

    @Test
    void theAvatarNarrowsTheDestinations() {
        Logins webOnly = new Logins(new SocksUser() {
            @Override
            public boolean mayConnect(Destination destination, InetAddress resolved) {
                return destination.port() == 80;
            }
        });
        Wire wire = new Wire(new MemoryConnector(), SocksAccessRules.loopbackOnly(), webOnly.portal, "127.0.0.1");
        wire.send(of(5, 1, 2, 1, 5, "alice", 6, "s3cret", 5, 1, 0, 1, 127, 0, 0, 1, 0, 22));
        assertWire(of(5, 2, 1, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0), wire);
        assertTrue(wire.connector.connections.isEmpty());
    }

    @Test
    void aClientLeavingWhileConnectingCancelsTheAttempt() {
        Wire wire = new Wire(new MemoryConnector().hold(81));
        wire.send(of(5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 81));
        assertWire(of(5, 0), wire);
        assertEquals(SocksSessionState.CONNECTING, wire.protocol.state());
        assertEquals(ProducerState.PAUSED, wire.transport.producerState(), "the client is not read while connecting");
        wire.protocol.connectionLost(Failure.of(new ConnectionDone("client left")));
        assertEquals(1, wire.connector.cancelled);
    }

    @Test
    void theHandshakeDeadlineCoversConnecting() {
        Wire wire = new Wire(new MemoryConnector().hold(81));
        wire.send(of(4, 1, 0, 81, 127, 0, 0, 1, 0));
        wire.clock.advance(Duration.ofSeconds(30));
        assertTrue(wire.transport.isAborted());
        wire.protocol.connectionLost(Failure.of(new ConnectionDone("aborted")));
        assertEquals(1, wire.connector.cancelled);
        assertWire(of(), wire);
    }

    @Test
    void aLostSideClosesTheOther() {
        Wire wire = new Wire(new MemoryConnector());
        wire.send(of(5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80));
        Connection destination = wire.connector.connections.get(0);
        destination.protocol().connectionLost(Failure.of(new ConnectionDone("destination closed")));
        assertTrue(wire.transport.isDisconnecting());
    }

    @Test
    void aClientOnAnAllowedNetworkIsServed() {
        SocksAccessRules rules = SocksAccessRules.builder().allowClients("203.0.113.0/24").build();
        Wire wire = new Wire(new MemoryConnector(), rules, null, "203.0.113.5");
        wire.send(of(5, 1, 0));
        assertWire(of(5, 0), wire);
        Wire loopback = new Wire(new MemoryConnector(), rules, null, "127.0.0.1");
        assertTrue(loopback.transport.isDisconnecting(), "configured networks replace the loopback default");
    }
}
