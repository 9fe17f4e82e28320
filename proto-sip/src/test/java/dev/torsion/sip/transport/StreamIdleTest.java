package dev.torsion.sip.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.sip.SipLimits;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A stream connection that stays silent past {@code streamIdleSeconds} is aborted; traffic keeps it. */
class StreamIdleTest {
    @Test
    void silentConnectionsAreAbortedAndTrafficResetsTheTimer() {
        MemoryReactor reactor = new MemoryReactor();
        SipTransport layer = new SipTransport(reactor, SipLimits.DEFAULTS, "127.0.0.1");
        Protocol protocol = layer.streamFactory(TransportKind.TCP).buildProtocol(null);
        StringTransport transport = new StringTransport(new IPv4Address(SocketType.TCP, "127.0.0.1", 5060),
                new IPv4Address(SocketType.TCP, "198.51.100.7", 40001));
        protocol.makeConnection(transport);
        reactor.advance(Duration.ofSeconds(599));
        protocol.dataReceived("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // an RFC 5626 keep-alive
        reactor.advance(Duration.ofSeconds(599));
        assertFalse(transport.isAborted(), "the keep-alive reset the timer");
        reactor.advance(Duration.ofSeconds(1));
        assertTrue(transport.isAborted());
    }
}
