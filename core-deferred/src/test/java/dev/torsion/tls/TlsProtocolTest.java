package dev.torsion.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.TlsCapableTransport;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.StringTransport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TlsProtocolTest {
    /** Records what it receives and how it ends; writes a greeting when connected, if given one. */
    static class Peer extends Protocol implements TlsHandshakeListener {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final String greeting;
        Failure lost;
        TlsProtocol handshaken;
        boolean made;

        Peer(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void connectionMade() {
            made = true;
            if (greeting != null) {
                transport().write(greeting.getBytes(StandardCharsets.UTF_8));
            }
        }

        @Override
        public void dataReceived(byte[] data) {
            received.writeBytes(data);
        }

        @Override
        public void connectionLost(Failure reason) {
            lost = reason;
        }

        @Override
        public void handshakeCompleted(TlsProtocol tls) {
            handshaken = tls;
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    private static TlsProtocol tls(Peer peer) {
        return (TlsProtocol) peer.transport();
    }

    private static String subjectOf(TlsProtocol tls) {
        return ((X509Certificate) tls.peerCertificates().get(0)).getSubjectX500Principal().getName();
    }

    @Test
    void handshakeAndDataBothWays() {
        Peer server = new Peer("hello from server");
        Peer client = new Peer("hello from client");
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());

        assertEquals("hello from client", server.text());
        assertEquals("hello from server", client.text());
        assertTrue(tls(client).isHandshakeDone());
        assertEquals("TLSv1.3", tls(client).protocolVersion());
        assertEquals("TLSv1.3", tls(server).protocolVersion());
        assertEquals("CN=localhost", subjectOf(tls(client)));
        assertEquals(List.of(), tls(server).peerCertificates(), "no client certificate was asked for");
        assertNull(tls(client).negotiatedApplicationProtocol());
        assertTrue(client.handshaken == tls(client) && server.handshaken == tls(server));

        client.transport().write("more".getBytes(StandardCharsets.UTF_8));
        pump.flush();
        assertEquals("hello from clientmore", server.text());
        assertNull(server.lost);
        assertNull(client.lost);
    }

    @Test
    void loseConnectionSendsCloseNotify() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        client.transport().write("last words".getBytes(StandardCharsets.UTF_8));
        client.transport().loseConnection();
        client.transport().write("dropped".getBytes(StandardCharsets.UTF_8));
        pump.flush();
        assertEquals("last words", server.text());
        assertNotNull(server.lost.check(ConnectionDone.class), "clean close after close_notify: " + server.lost);
        assertNotNull(client.lost.check(ConnectionDone.class), String.valueOf(client.lost));
        assertTrue(pump.serverTransport().isDisconnected());
    }

    @Test
    void abortWithoutCloseNotifyIsNotClean() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        client.transport().abortConnection();
        pump.flush();
        assertNotNull(server.lost.check(ConnectionLost.class));
        assertNull(server.lost.check(ConnectionDone.class));
    }

    @Test
    void largeTransfersGrowBuffers() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        IOPump pump = IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        byte[] big = new byte[1_000_000];
        new Random(42).nextBytes(big);
        client.transport().write(big);
        for (int i = 0; i < 100; i++) {
            server.transport().write(Arrays.copyOfRange(big, i * 10_000, (i + 1) * 10_000));
        }
        pump.flush();
        assertArrayEquals(big, server.received.toByteArray());
        assertArrayEquals(big, client.received.toByteArray());
    }

    @Test
    void hostnameVerificationFailure() {
        Peer server = new Peer("secret");
        Peer client = new Peer("secret");
        TlsOptions wrongName = TlsOptions.client(TestCertificates.clientContext(), "example.org");
        IOPump.connect(server, client, TestCertificates.serverOptions(), wrongName);

        assertEquals("", server.text());
        assertEquals("", client.text());
        assertNotNull(client.lost.check(TlsHandshakeError.class), String.valueOf(client.lost));
        assertTrue(client.lost.getErrorMessage().contains("TLS handshake with"), client.lost.getErrorMessage());
        assertTrue(client.lost.getErrorMessage().contains("example.org"), client.lost.getErrorMessage());
        assertNotNull(server.lost.check(TlsHandshakeError.class), String.valueOf(server.lost));
        assertFalse(tls(client).isHandshakeDone());
    }

    @Test
    void hostnameVerificationCanBeTurnedOffForTests() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        TlsOptions wrongName = TlsOptions.client(TestCertificates.clientContext(), "example.org")
                .withoutHostnameVerification();
        IOPump.connect(server, client, TestCertificates.serverOptions(), wrongName);
        assertEquals("hi", server.text());
    }

    @Test
    void ipAddressIsVerifiedAgainstIpSan() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        IOPump.connect(server, client, TestCertificates.serverOptions(),
                TlsOptions.client(TestCertificates.clientContext(), "127.0.0.1"));
        assertEquals("hi", server.text());
    }

    @Test
    void untrustedCertificateFails() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        IOPump.connect(server, client, TestCertificates.serverOptions(),
                TlsOptions.client(TestCertificates.untrustingClientContext(), "localhost"));
        assertEquals("", server.text());
        assertNotNull(client.lost.check(TlsHandshakeError.class));
    }

    @Test
    void tls12OnlyServer() {
        Peer server = new Peer("old");
        Peer client = new Peer("new");
        IOPump.connect(server, client, TestCertificates.serverOptions().withProtocols("TLSv1.2"),
                TestCertificates.clientOptions());
        assertEquals("TLSv1.2", tls(client).protocolVersion());
        assertTrue(tls(client).cipherSuite().startsWith("TLS_ECDHE_"), tls(client).cipherSuite());
        assertEquals("new", server.text());
        assertEquals("old", client.text());
    }

    @Test
    void tls13OnlyClientRefusesTls12OnlyServer() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        IOPump.connect(server, client, TestCertificates.serverOptions().withProtocols("TLSv1.2"),
                TestCertificates.clientOptions().withProtocols("TLSv1.3"));
        assertEquals("", server.text());
        assertNotNull(client.lost.check(TlsHandshakeError.class));
        assertNotNull(server.lost.check(TlsHandshakeError.class));
    }

    @Test
    void alpnIsNegotiated() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        IOPump.connect(server, client, TestCertificates.serverOptions().withApplicationProtocols("h2", "http/1.1"),
                TestCertificates.clientOptions().withApplicationProtocols("http/1.1"));
        assertEquals("http/1.1", tls(client).negotiatedApplicationProtocol());
        assertEquals("http/1.1", server.handshaken.negotiatedApplicationProtocol());
    }

    @Test
    void alpnWithoutCommonProtocolFailsTheHandshake() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        IOPump.connect(server, client, TestCertificates.serverOptions().withApplicationProtocols("h2"),
                TestCertificates.clientOptions().withApplicationProtocols("imap"));
        assertNotNull(client.lost.check(TlsHandshakeError.class), String.valueOf(client.lost));
        assertNotNull(server.lost.check(TlsHandshakeError.class), String.valueOf(server.lost));
    }

    @Test
    void requiredClientCertificateMissing() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        IOPump.connect(server, client,
                TestCertificates.serverOptions().withClientAuth(TlsOptions.ClientAuth.REQUIRE),
                TestCertificates.clientOptions());
        assertEquals("", server.text());
        assertNotNull(server.lost.check(TlsHandshakeError.class), String.valueOf(server.lost));
        assertNotNull(client.lost, "the client hears of the refusal too");
        assertNotNull(client.lost.check(TlsError.class), String.valueOf(client.lost));
    }

    @Test
    void requiredClientCertificatePresented() {
        Peer server = new Peer(null);
        Peer client = new Peer("hi");
        IOPump.connect(server, client,
                TestCertificates.serverOptions().withClientAuth(TlsOptions.ClientAuth.REQUIRE),
                TlsOptions.client(TestCertificates.clientContextWithCertificate(), "localhost"));
        assertEquals("hi", server.text());
        assertEquals("CN=torsion-test-client", subjectOf(tls(server)));
    }

    @Test
    void whenHandshakeDoneFiresOnceDone() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        TlsProtocol clientTls = new TlsProtocol(TestCertificates.clientOptions(), client);
        IOPump pump = IOPump.connectWithoutFlushing(new TlsProtocol(TestCertificates.serverOptions(), server), clientTls);
        List<String> events = new ArrayList<>();
        Deferred<TlsProtocol> done = clientTls.whenHandshakeDone();
        done.addCallback(t -> events.add("done " + t.protocolVersion()));
        assertTrue(client.made, "the wrapped protocol is connected before the handshake");
        assertEquals(List.of(), events);
        pump.flush();
        assertEquals(List.of("done TLSv1.3"), events);
        clientTls.whenHandshakeDone().addCallback(t -> events.add("again"));
        assertEquals(List.of("done TLSv1.3", "again"), events);
    }

    @Test
    void whenHandshakeDoneFailsOnHandshakeError() {
        Peer server = new Peer(null);
        Peer client = new Peer(null);
        TlsProtocol clientTls = new TlsProtocol(TlsOptions.client(TestCertificates.clientContext(), "example.org"), client);
        IOPump pump = IOPump.connectWithoutFlushing(new TlsProtocol(TestCertificates.serverOptions(), server), clientTls);
        List<Failure> failures = new ArrayList<>();
        clientTls.whenHandshakeDone().addErrback(f -> {
            failures.add(f);
            return null;
        });
        pump.flush();
        assertEquals(1, failures.size());
        assertNotNull(failures.get(0).check(TlsHandshakeError.class));
    }

    @Test
    void garbageFromPeerIsAHandshakeError() {
        Peer server = new Peer(null);
        TlsProtocol tls = new TlsProtocol(TestCertificates.serverOptions(), server);
        StringTransport transport = new StringTransport();
        tls.makeConnection(transport);
        tls.dataReceived("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(transport.isDisconnecting());
        transport.closeConnection(tls, true);
        assertNotNull(server.lost.check(TlsHandshakeError.class), String.valueOf(server.lost));
        assertEquals("", server.text());
    }

    @Test
    void peerHangingUpDuringHandshake() {
        Peer client = new Peer(null);
        TlsProtocol tls = new TlsProtocol(TestCertificates.clientOptions(), client);
        StringTransport transport = new StringTransport();
        tls.makeConnection(transport);
        assertTrue(transport.value().length > 0, "the ClientHello is sent at once");
        assertEquals(0x16, transport.value()[0], "a handshake record");
        transport.closeConnection(tls, true);
        assertNotNull(client.lost.check(TlsHandshakeError.class));
    }

    @Test
    void startTlsAfterPlaintext() {
        List<String> serverLines = new ArrayList<>();
        Peer server = new Peer(null) {
            @Override
            public void dataReceived(byte[] data) {
                super.dataReceived(data);
                if (text().equals("STARTTLS\r\n")) {
                    transport().write("220 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                    ((TlsCapableTransport) transport()).startTLS(TestCertificates.serverOptions());
                    serverLines.add("switched");
                }
            }
        };
        Peer client = new Peer("STARTTLS\r\n");
        IOPump pump = IOPump.connect(server, client);
        assertEquals("220 go ahead\r\n", client.text());
        assertEquals(List.of("switched"), serverLines);
        pump.clientTransport().startTLS(TestCertificates.clientOptions());
        client.transport().write("secret".getBytes(StandardCharsets.US_ASCII));
        server.transport().write("also secret".getBytes(StandardCharsets.US_ASCII));
        pump.flush();
        assertEquals("STARTTLS\r\nsecret", server.text());
        assertEquals("220 go ahead\r\nalso secret", client.text());
        assertTrue(pump.clientTransport().startedTls().isHandshakeDone());
        assertEquals("CN=localhost", subjectOf(pump.clientTransport().startedTls()));
        assertTrue(server.handshaken != null && client.handshaken != null);

        client.transport().loseConnection();
        pump.flush();
        assertNotNull(server.lost.check(ConnectionDone.class), String.valueOf(server.lost));
        assertNotNull(client.lost.check(ConnectionDone.class), String.valueOf(client.lost));
    }

    @Test
    void greetingThenCloseBeforeHandshakeIsDeliveredThenClosedCleanly() {
        Peer server = new Peer("421 too busy") {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().loseConnection();
            }
        };
        Peer client = new Peer(null);
        IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        assertEquals("421 too busy", client.text());
        assertNotNull(client.lost.check(ConnectionDone.class), String.valueOf(client.lost));
        assertNotNull(server.lost.check(ConnectionDone.class), String.valueOf(server.lost));
    }

    @Test
    void closingBeforeHandshakeWithNothingToSay() {
        Peer server = new Peer(null) {
            @Override
            public void connectionMade() {
                transport().loseConnection();
            }
        };
        Peer client = new Peer("hello?");
        IOPump.connect(server, client, TestCertificates.serverOptions(), TestCertificates.clientOptions());
        assertEquals("", server.text());
        assertNotNull(server.lost.check(ConnectionDone.class), "the side that closed sees a clean close: " + server.lost);
        assertNotNull(client.lost.check(TlsHandshakeError.class), "the other side never got a session: " + client.lost);
        assertTrue(tls(server).isDisconnecting());
    }
}
