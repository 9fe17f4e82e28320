package dev.torsion.protocols.portforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.testing.StringTransport;
import dev.torsion.testing.StringTransport.ProducerState;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The port forwarder's two protocols, driven on memory transports. */
class PortForwardProtocolTest {
    /** Records the attempt the server side starts. */
    private static final class RecordingEndpoint implements ClientEndpoint {
        ProtocolFactory factory;
        Deferred<Protocol> attempt;
        int cancels;

        @Override
        public Deferred<Protocol> connect(ProtocolFactory newFactory) {
            factory = newFactory;
            attempt = new Deferred<>(cancelled -> cancels++);
            return attempt;
        }
    }

    private static final Address DESTINATION = new IPv4Address(SocketType.TCP, "127.0.0.1", 9);
    private final RecordingEndpoint endpoint = new RecordingEndpoint();
    private final ProxyServer server = new ProxyServer(endpoint, "127.0.0.1:9");
    private final StringTransport serverTransport = new StringTransport();
    private final StringTransport clientTransport = new StringTransport();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private ProxyClient connectDestination() {
        ProxyClient client = (ProxyClient) endpoint.factory.buildProtocol(DESTINATION);
        client.makeConnection(clientTransport);
        if (!endpoint.attempt.isCalled()) {
            endpoint.attempt.callback(client);
        }
        return client;
    }

    @Test
    void readingWaitsForTheDestinationThenBytesFlowBothWays() {
        server.makeConnection(serverTransport);
        assertEquals(ProducerState.PAUSED, serverTransport.producerState());
        server.dataReceived(bytes("early "));

        ProxyClient client = connectDestination();

        assertEquals(ProducerState.PRODUCING, serverTransport.producerState());
        assertArrayEquals(bytes("early "), clientTransport.value());
        server.dataReceived(bytes("request"));
        client.dataReceived(bytes("response"));
        assertEquals("early request", clientTransport.valueAsString());
        assertEquals("response", serverTransport.valueAsString());
    }

    @Test
    void eachTransportIsTheOthersProducer() {
        server.makeConnection(serverTransport);
        connectDestination();

        assertSame(clientTransport, serverTransport.producer());
        assertTrue(serverTransport.isStreaming());
        assertSame(serverTransport, clientTransport.producer());
        assertTrue(clientTransport.isStreaming());
    }

    @Test
    void halfCloseIsPassedOnAndTheConnectionEndsWhenBothDirectionsAreDone() {
        server.makeConnection(serverTransport);
        ProxyClient client = connectDestination();

        server.readConnectionLost();
        assertTrue(clientTransport.isWriteConnectionClosed());
        assertFalse(clientTransport.isDisconnecting());
        assertNull(clientTransport.producer(), "a transport that reads no more cannot produce");
        assertSame(clientTransport, serverTransport.producer());
        client.dataReceived(bytes("late answer"));
        assertEquals("late answer", serverTransport.valueAsString());

        client.readConnectionLost();
        assertTrue(serverTransport.isWriteConnectionClosed());
        server.writeConnectionLost();
        assertTrue(serverTransport.isDisconnecting());
        client.writeConnectionLost();
        assertTrue(clientTransport.isDisconnecting());
    }

    @Test
    void aHalfCloseBeforeTheDestinationAnswersIsPassedOnOnceItDoes() {
        server.makeConnection(serverTransport);
        server.dataReceived(bytes("all of it"));
        server.readConnectionLost();

        connectDestination();

        assertEquals("all of it", clientTransport.valueAsString());
        assertTrue(clientTransport.isWriteConnectionClosed());
        assertNull(clientTransport.producer());
        assertEquals(ProducerState.PAUSED, serverTransport.producerState(), "its reading is over: not resumed");
    }

    @Test
    void losingOneSideClosesTheOtherAndUnregistersTheGoneProducer() {
        server.makeConnection(serverTransport);
        ProxyClient client = connectDestination();

        clientTransport.closeConnection(client, false);

        assertTrue(serverTransport.isDisconnecting());
        assertNull(serverTransport.producer());
    }

    @Test
    void anUnreachableDestinationClosesTheClientsConnection() {
        server.makeConnection(serverTransport);

        endpoint.attempt.errback(new ConnectionRefusedError("refused"));

        assertTrue(serverTransport.isDisconnecting());
    }

    @Test
    void aClientThatLeavesBeforeTheDestinationAnswersStopsTheAttempt() {
        server.makeConnection(serverTransport);

        serverTransport.closeConnection(server, true);

        assertEquals(1, endpoint.cancels);
        ProxyClient late = connectDestination();
        assertTrue(clientTransport.isDisconnecting());
        assertFalse(late.isLinked());
    }
}
