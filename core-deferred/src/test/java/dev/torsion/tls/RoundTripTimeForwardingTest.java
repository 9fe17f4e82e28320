package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.torsion.internet.Protocol;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.protocols.policies.WrappingFactory;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The round-trip time a transport reports reaches the protocol under every wrapper (a TLS layer, a
 * policy wrapper), as it changes; a transport that cannot tell reports none.
 */
class RoundTripTimeForwardingTest {
    @Test
    void aTransportThatCannotTellReportsNone() {
        Protocol protocol = new Protocol() {
        };
        protocol.makeConnection(new StringTransport());
        assertEquals(Optional.empty(), protocol.transport().roundTripTime());
    }

    @Test
    void tlsProtocolAndProtocolWrapperForwardIt() {
        StringTransport transport = new StringTransport();
        Protocol inner = new Protocol() {
        };
        WrappingFactory factory = new WrappingFactory(address -> inner);
        ProtocolWrapper wrapper = new ProtocolWrapper(factory, new TlsProtocol(TestCertificates.serverOptions(), inner));
        wrapper.makeConnection(transport);
        assertNotSame(transport, inner.transport());
        assertEquals(Optional.empty(), inner.transport().roundTripTime());
        transport.setRoundTripTime(Duration.ofMillis(50));
        assertEquals(Optional.of(Duration.ofMillis(50)), inner.transport().roundTripTime());
        transport.setRoundTripTime(Duration.ofNanos(100_000));
        assertEquals(Optional.of(Duration.ofNanos(100_000)), inner.transport().roundTripTime(), "asked again, the new one");
    }

    @Test
    void theLoopbackTransportReportsItUnderTls() {
        Protocol server = new Protocol() {
        };
        IOPump pump = IOPump.connect(server, new Protocol() {
        }, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        pump.serverTransport().setRoundTripTime(Duration.ofMillis(3));
        assertNotSame(pump.serverTransport(), server.transport());
        assertEquals(Optional.of(Duration.ofMillis(3)), server.transport().roundTripTime());
        assertEquals(Optional.empty(), pump.clientTransport().roundTripTime());
    }
}
