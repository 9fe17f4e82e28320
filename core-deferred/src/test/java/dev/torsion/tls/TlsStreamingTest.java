package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.protocols.FileSender;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TLS records cut at arbitrary places, producers through TLS, and the wrapping factory. */
class TlsStreamingTest {
    static final class Sink extends Protocol {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Failure lost;

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }
    }

    /** Moves what {@code from} wrote into {@code to}, cut into random pieces of 1 to 40 bytes. */
    private static boolean shuttle(StringTransport from, Protocol to, Random random) {
        byte[] bytes = from.value();
        from.clear();
        int i = 0;
        while (i < bytes.length) {
            int size = Math.min(bytes.length - i, 1 + random.nextInt(40));
            to.dataReceived(Arrays.copyOfRange(bytes, i, i + size));
            i += size;
        }
        return bytes.length > 0;
    }

    @Test
    void recordsCutAtRandomPlaces() {
        Random random = new Random(7);
        Sink server = new Sink();
        Sink client = new Sink();
        TlsProtocol serverTls = new TlsProtocol(TestCertificates.serverOptions(), server);
        TlsProtocol clientTls = new TlsProtocol(TestCertificates.clientOptions(), client);
        StringTransport serverWire = new StringTransport();
        StringTransport clientWire = new StringTransport();
        serverTls.makeConnection(serverWire);
        clientTls.makeConnection(clientWire);
        byte[] upload = new byte[70_000];
        random.nextBytes(upload);
        client.transport().write(upload);
        server.transport().write("ok".getBytes());
        for (int round = 0; round < 1000; round++) {
            boolean moved = shuttle(clientWire, serverTls, random);
            moved |= shuttle(serverWire, clientTls, random);
            if (!moved) {
                break;
            }
        }
        assertTrue(clientTls.isHandshakeDone());
        assertArrayEquals(upload, server.received.toByteArray());
        assertEquals("ok", client.received.toString());
    }

    @Test
    void pullProducerThroughTls() {
        byte[] file = new byte[200_000];
        new Random(3).nextBytes(file);
        Sink server = new Sink();
        Sink client = new Sink();
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        List<Long> done = new ArrayList<>();
        new FileSender().beginFileTransfer(new ByteArrayInputStream(file), client.transport()).addCallback(count -> {
            done.add(count);
            client.transport().loseConnection();
            return null;
        });
        pump.flush();
        assertEquals(List.of(200_000L), done);
        assertArrayEquals(file, server.received.toByteArray());
        assertNotNull(server.lost.check(ConnectionDone.class));
    }

    @Test
    void wrappingFactoryWrapsEachProtocol() {
        List<Sink> made = new ArrayList<>();
        TlsWrappingFactory serverFactory = new TlsWrappingFactory(TestCertificates.serverOptions(), address -> {
            Sink sink = new Sink();
            made.add(sink);
            return sink;
        });
        Protocol serverSide = serverFactory.buildProtocol(IOPump.CLIENT_ADDRESS);
        assertTrue(serverSide instanceof TlsProtocol);
        assertEquals(made.get(0), ((TlsProtocol) serverSide).wrappedProtocol());
        Sink client = new Sink();
        TlsWrappingFactory clientFactory = new TlsWrappingFactory(TestCertificates.clientOptions(), address -> client);
        IOPump pump = IOPump.connect(serverSide, clientFactory.buildProtocol(IOPump.SERVER_ADDRESS));
        client.transport().write("through the factory".getBytes());
        pump.flush();
        assertEquals("through the factory", made.get(0).received.toString());
        assertEquals(null, new TlsWrappingFactory(TestCertificates.serverOptions(), address -> null)
                .buildProtocol(IOPump.CLIENT_ADDRESS));
    }
}
