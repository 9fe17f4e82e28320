package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.IOPump;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Half-close on the memory transport after {@code startTLS}: it goes through the TLS layer both
 * ways, so a half-close is a {@code close_notify} and a bare end of stream is a truncation.
 */
class StartTlsHalfCloseTest {
    private final List<String> events = new ArrayList<>();

    /** Records what it hears; the server answers "bye" once the client has half-closed. */
    private final class Side extends Protocol implements HalfCloseableProtocol {
        private final String name;

        Side(String name) {
            this.name = name;
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add(name + " got " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void readConnectionLost() {
            events.add(name + " read closed");
            if (name.equals("server")) {
                transport().write("bye".getBytes(StandardCharsets.UTF_8));
                transport().loseConnection();
            }
        }

        @Override
        public void writeConnectionLost() {
            events.add(name + " write closed");
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add(name + " lost " + reason.type().getSimpleName());
        }
    }

    private IOPump startTls(Side server, Side client) {
        IOPump pump = IOPump.connect(server, client);
        pump.serverTransport().startTLS(TestCertificates.serverOptions());
        pump.clientTransport().startTLS(TestCertificates.clientOptions());
        client.transport().write("hello".getBytes(StandardCharsets.UTF_8));
        pump.flush();
        return pump;
    }

    @Test
    void aHalfCloseAfterStartTlsIsACloseNotifyAndTheAnswerStillComes() {
        Side server = new Side("server");
        Side client = new Side("client");
        IOPump pump = startTls(server, client);
        ((HalfCloseableTransport) client.transport()).loseWriteConnection();
        pump.flush();
        // The server hears the close_notify before the FIN under it; its answer and close_notify follow.
        assertEquals(List.of("server got hello", "server read closed", "client write closed", "client got bye",
                "client read closed", "client lost ConnectionDone", "server lost ConnectionDone"), events);
    }

    @Test
    void aBareEndOfStreamUnderTlsIsATruncation() {
        Side server = new Side("server");
        Side client = new Side("client");
        IOPump pump = startTls(server, client);
        // Shut the client's raw writing below its TLS layer: a FIN with no close_notify before it.
        ((HalfCloseableTransport) pump.clientTransport().startedTls().transport()).loseWriteConnection();
        pump.flush();
        assertEquals("server lost ConnectionLost", events.get(1), events.toString());
    }
}
