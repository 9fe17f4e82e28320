package dev.torsion.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.tls.TlsOptions;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class StringTransportWithDisconnectionTest {
    static final class Recorder extends Protocol {
        final List<String> lost = new ArrayList<>();

        @Override
        public void connectionLost(Failure reason) {
            lost.add(reason.type().getSimpleName());
        }
    }

    @Test
    void loseConnectionTellsTheProtocolOnce() {
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        Recorder protocol = transport.connect(new Recorder());
        protocol.transport().write("x".getBytes());
        protocol.transport().loseConnection();
        protocol.transport().loseConnection();
        assertEquals(List.of("ConnectionDone"), protocol.lost);
        assertEquals("x", transport.valueAsString());
        assertTrue(transport.isDisconnecting());
    }

    @Test
    void abortIsNotClean() {
        StringTransportWithDisconnection transport = new StringTransportWithDisconnection();
        Recorder protocol = new Recorder();
        protocol.makeConnection(transport);
        transport.setProtocol(protocol);
        transport.abortConnection();
        assertEquals(List.of("ConnectionLost"), protocol.lost);
        assertTrue(transport.isAborted());
    }

    @Test
    void startTlsIsRecordedWithItsPosition() throws Exception {
        StringTransport transport = new StringTransport();
        transport.write("220 ready\r\n".getBytes());
        assertEquals(null, transport.tlsOptions());
        TlsOptions options = TlsOptions.server(SSLContext.getDefault());
        transport.startTLS(options);
        assertEquals(options, transport.tlsOptions());
        assertEquals(11, transport.tlsStartedAfterBytes());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> transport.startTLS(options));
    }
}
