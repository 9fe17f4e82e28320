package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.protocols.policies.ProtocolWrapper;
import dev.torsion.protocols.policies.WrappingFactory;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The close and send timeouts a protocol sets reach the transport below every wrapper, and tests can read them. */
class DeadlineSettingsTest {
    /** Sets both timeouts when connected, as a server with its own configuration would. */
    static final class Configured extends Protocol {
        @Override
        public void connectionMade() {
            transport().setCloseTimeout(Duration.ofSeconds(5));
            transport().setSendTimeout(null);
        }
    }

    @Test
    void stringTransportRecordsTheDefaultsAndWhatWasSet() {
        StringTransport transport = new StringTransport();
        assertEquals(Transport.DEFAULT_CLOSE_TIMEOUT, transport.closeTimeout());
        assertEquals(Duration.ofSeconds(60), transport.sendTimeout());
        new Configured().makeConnection(transport);
        assertEquals(Duration.ofSeconds(5), transport.closeTimeout());
        assertNull(transport.sendTimeout());
    }

    @Test
    void tlsProtocolAndProtocolWrapperForwardThem() {
        StringTransport transport = new StringTransport();
        WrappingFactory factory = new WrappingFactory(address -> new Configured());
        ProtocolWrapper wrapper = new ProtocolWrapper(factory, new TlsProtocol(TestCertificates.serverOptions(),
                new Configured()));
        wrapper.makeConnection(transport);
        assertEquals(Duration.ofSeconds(5), transport.closeTimeout());
        assertNull(transport.sendTimeout());
    }

    @Test
    void theLoopbackTransportRecordsThem() {
        IOPump pump = IOPump.connect(new Configured(), new Protocol() {
        }, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        assertEquals(Duration.ofSeconds(5), pump.serverTransport().closeTimeout());
        assertEquals(Transport.DEFAULT_CLOSE_TIMEOUT, pump.clientTransport().closeTimeout());
    }
}
