package dev.torsion.protocols.portforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.testing.IOPump;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The relay between two loopback connections: a client, the relay's two sides, and a destination,
 * each hop with its own {@link IOPump} and its high-water mark, as two sockets would have.
 */
class RelayOverLoopbackTest {

    /** An end that records what it reads and can stop reading, as a slow peer does. */
    private static final class End extends Protocol implements HalfCloseableProtocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean readClosed;
        Failure lost;

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public void readConnectionLost() {
            readClosed = true;
        }

        @Override
        public void writeConnectionLost() {
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }

        String text() {
            return received.toString(StandardCharsets.US_ASCII);
        }
    }

    private final End client = new End();
    private final End destination = new End();
    private IOPump destinationHop;
    private final IOPump clientHop;

    RelayOverLoopbackTest() {
        ProxyFactory factory = new ProxyFactory(protocolFactory -> {
            Protocol destinationSide = protocolFactory.buildProtocol(IOPump.SERVER_ADDRESS);
            destinationHop = IOPump.connect(destination, destinationSide);
            return Deferred.succeed(destinationSide);
        }, "destination");
        clientHop = IOPump.connect(factory.buildProtocol(IOPump.CLIENT_ADDRESS), client);
    }

    /** Pumps both hops until neither moves. */
    private void flush() {
        boolean moved = true;
        while (moved) {
            moved = clientHop.pump();
            moved |= destinationHop.pump();
        }
    }

    private static byte[] pattern(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + i / 251);
        }
        return data;
    }

    @Test
    void bytesGoBothWays() {
        assertNotNull(destinationHop, "the relay dialled the destination");
        client.transport().write("hello, destination".getBytes(StandardCharsets.US_ASCII));
        destination.transport().write("hello, client".getBytes(StandardCharsets.US_ASCII));
        flush();
        assertEquals("hello, destination", destination.text());
        assertEquals("hello, client", client.text());
    }

    @Test
    void aSlowDestinationPausesTheClientSideUntilItReadsAgain() {
        destination.transport().pauseProducing();
        byte[] upload = pattern(1024 * 1024);
        client.transport().write(upload);
        flush();
        assertTrue(clientHop.serverTransport().isReadingPaused(),
                "the relay stopped reading from the client while the destination does not read");
        assertEquals(0, destination.received.size());
        byte[] more = pattern(512 * 1024);
        client.transport().write(more);
        flush();
        assertEquals(more.length, clientHop.clientTransport().bufferedBytes(),
                "what the client sends meanwhile waits on the client's side, not in the relay");

        destination.transport().resumeProducing();
        flush();
        assertFalse(clientHop.serverTransport().isReadingPaused());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(upload);
        expected.writeBytes(more);
        assertArrayEquals(expected.toByteArray(), destination.received.toByteArray());
    }

    @Test
    void aSlowClientPausesTheDestinationSideUntilItReadsAgain() {
        client.transport().pauseProducing();
        byte[] download = pattern(1024 * 1024 + 17);
        destination.transport().write(download);
        flush();
        assertTrue(destinationHop.clientTransport().isReadingPaused(),
                "the relay stopped reading from the destination while the client does not read");
        client.transport().resumeProducing();
        flush();
        assertFalse(destinationHop.clientTransport().isReadingPaused());
        assertArrayEquals(download, client.received.toByteArray());
    }

    @Test
    void halfCloseIsPassedOnAndTheOtherDirectionGoesOn() {
        client.transport().write("request".getBytes(StandardCharsets.US_ASCII));
        ((HalfCloseableTransport) client.transport()).loseWriteConnection();
        flush();
        assertEquals("request", destination.text());
        assertTrue(destination.readClosed, "the destination heard the client's end of input");
        assertEquals(null, destination.lost);

        destination.transport().write("answer".getBytes(StandardCharsets.US_ASCII));
        destination.transport().loseConnection();
        flush();
        assertEquals("answer", client.text());
        assertNotNull(client.lost, "the client's connection ended once both directions were done");
    }

    @Test
    void aLostSideClosesTheOther() {
        flush();
        destination.transport().abortConnection();
        flush();
        assertNotNull(destination.lost);
        assertNotNull(client.lost, "the client side closed when the destination was lost");
        assertTrue(Arrays.equals(new byte[0], client.received.toByteArray()));
    }
}
