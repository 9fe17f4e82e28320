package dev.torsion.integration;

import static dev.torsion.integration.ReactorThread.PATIENCE;
import static dev.torsion.integration.ReactorThread.portOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.netty.tls.SelfSignedCertificate;
import dev.torsion.tls.TlsHandshakeError;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import dev.torsion.tls.TlsWrappingFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's TLS ({@link TlsProtocol}: the JDK SSLEngine stacked as a protocol on a plain TCP
 * connection) against Netty's native TLS ({@code listenSSL}/{@code connectSSL}, an SslHandler in
 * the pipeline), in both directions, on real sockets: bulk data with checksums, close_notify,
 * truncation, and host name verification failures.
 */
class TlsStackingTest {
    private static final int SEVERAL_MIB = 4 * 1024 * 1024 + 13;
    private static SelfSignedCertificate cert;

    @BeforeAll
    static void certificate() {
        cert = SelfSignedCertificate.generate("localhost", "127.0.0.1");
    }

    /** Listens with Netty's TLS; the first connection's protocol is handed to {@code first}. */
    private static <P extends Protocol> int nettyTlsServer(ReactorThread r, Supplier<P> make,
            CompletableFuture<P> first) throws Exception {
        ListeningPort port = r.call(() -> r.reactor().listenSSL(0, Factories.capturingFirst(make, first),
                cert.serverOptions(), 50, "127.0.0.1"));
        return portOf(port);
    }

    /** Listens on plain TCP, each protocol wrapped in the core's TLS. */
    private static <P extends Protocol> int coreTlsServer(ReactorThread r, Supplier<P> make,
            CompletableFuture<P> first) throws Exception {
        ListeningPort port = r.call(() -> r.reactor().listenTCP(0,
                new TlsWrappingFactory(cert.serverOptions(), Factories.capturingFirst(make, first)), 50, "127.0.0.1"));
        return portOf(port);
    }

    /** Connects over plain TCP with {@code client} wrapped in the core's TLS. */
    private static void coreTlsClient(ReactorThread r, int port, TlsOptions options, Protocol client) throws Exception {
        r.call(() -> r.reactor().connectTCP("127.0.0.1", port,
                new TlsWrappingFactory(options, address -> client), PATIENCE, null));
    }

    /** Connects with Netty's TLS. */
    private static void nettyTlsClient(ReactorThread r, int port, TlsOptions options, Protocol client) throws Exception {
        r.call(() -> r.reactor().connectSSL("127.0.0.1", port, Factories.clientOf(client), options, PATIENCE, null));
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void coreTlsClientEchoesSeveralMiBThroughNettyTlsServer(String kind) throws Exception {
        byte[] payload = TransferProbe.payload(SEVERAL_MIB, 1);
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<RecordingEcho> server = new CompletableFuture<>();
            int port = nettyTlsServer(r, RecordingEcho::new, server);
            TransferProbe client = TransferProbe.roundTrip(payload);
            coreTlsClient(r, port, cert.clientOptions("localhost"), client);

            assertEquals(TransferProbe.sha256Hex(payload), client.awaitDigest());
            assertEquals("TLSv1.3", await(client.tlsVersion));
            TlsProtocol tls = (TlsProtocol) client.transport();
            assertEquals(cert.certificate(), r.call(() -> tls.peerCertificates().get(0)));
            // The client closed with close_notify: both ends see a clean close.
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, await(server).awaitLost().value());
            assertEquals(payload.length, client.receivedCount());
            assertEquals(payload.length, await(server).echoed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void nettyTlsServerSendsSeveralMiBThenCloseNotifyToCoreTlsClient(String kind) throws Exception {
        byte[] payload = TransferProbe.payload(SEVERAL_MIB, 2);
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<TransferProbe> server = new CompletableFuture<>();
            int port = nettyTlsServer(r, () -> TransferProbe.sendAndClose(payload), server);
            TransferProbe client = TransferProbe.receive(payload.length);
            coreTlsClient(r, port, cert.clientOptions("localhost"), client);

            assertEquals(TransferProbe.sha256Hex(payload), client.awaitDigest());
            // ConnectionDone, not ConnectionLost: the core's TLS saw Netty's close_notify before the FIN.
            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionDone.class, reason.value(), reason::getTraceback);
            assertEquals(payload.length, client.receivedCount());
            assertInstanceOf(ConnectionDone.class, await(server).awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void nettyTlsClientEchoesSeveralMiBThroughCoreTlsServer(String kind) throws Exception {
        byte[] payload = TransferProbe.payload(SEVERAL_MIB, 3);
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<RecordingEcho> server = new CompletableFuture<>();
            int port = coreTlsServer(r, RecordingEcho::new, server);
            TransferProbe client = TransferProbe.roundTrip(payload);
            nettyTlsClient(r, port, cert.clientOptions("localhost"), client);

            assertEquals(TransferProbe.sha256Hex(payload), client.awaitDigest());
            assertEquals("TLSv1.3", await(client.tlsVersion));
            // Netty's SslHandler sent close_notify: the core's server reports a clean close.
            Failure serverReason = await(server).awaitLost();
            assertInstanceOf(ConnectionDone.class, serverReason.value(), serverReason::getTraceback);
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertEquals(payload.length, await(server).echoed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void coreTlsServerSendsSeveralMiBThenCloseNotifyToNettyTlsClient(String kind) throws Exception {
        byte[] payload = TransferProbe.payload(SEVERAL_MIB, 4);
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<TransferProbe> server = new CompletableFuture<>();
            int port = coreTlsServer(r, () -> TransferProbe.sendAndClose(payload), server);
            TransferProbe client = TransferProbe.receive(payload.length);
            nettyTlsClient(r, port, cert.clientOptions("localhost"), client);

            assertEquals(TransferProbe.sha256Hex(payload), client.awaitDigest());
            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionDone.class, reason.value(), reason::getTraceback);
            assertEquals(payload.length, client.receivedCount());
            assertInstanceOf(ConnectionDone.class, await(server).awaitLost().value());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void coreTlsClientAndNettyTlsServerSendSeveralMiBBothWaysAtOnce(String kind) throws Exception {
        bothWaysAtOnce(kind, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void nettyTlsClientAndCoreTlsServerSendSeveralMiBBothWaysAtOnce(String kind) throws Exception {
        bothWaysAtOnce(kind, false);
    }

    /** Each side sends its payload as soon as connected while reading the other's. */
    private static void bothWaysAtOnce(String kind, boolean coreClient) throws Exception {
        byte[] fromClient = TransferProbe.payload(SEVERAL_MIB / 2, 5);
        byte[] fromServer = TransferProbe.payload(SEVERAL_MIB / 2 + 1, 6);
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<TransferProbe> server = new CompletableFuture<>();
            Supplier<TransferProbe> serverProbe =
                    () -> TransferProbe.exchange(fromServer, fromClient.length, false);
            TransferProbe client = TransferProbe.exchange(fromClient, fromServer.length, true);
            if (coreClient) {
                coreTlsClient(r, nettyTlsServer(r, serverProbe, server), cert.clientOptions("localhost"), client);
            } else {
                nettyTlsClient(r, coreTlsServer(r, serverProbe, server), cert.clientOptions("localhost"), client);
            }

            assertEquals(TransferProbe.sha256Hex(fromServer), client.awaitDigest());
            assertEquals(TransferProbe.sha256Hex(fromClient), await(server).awaitDigest());
            // The client closes once it has everything; its own payload went out before its close_notify.
            assertInstanceOf(ConnectionDone.class, client.awaitLost().value());
            assertInstanceOf(ConnectionDone.class, await(server).awaitLost().value());
            assertEquals(fromServer.length, client.receivedCount());
            assertEquals(fromClient.length, await(server).receivedCount());
        }
    }

    /** Closes the TCP connection under its TLS layer, without close_notify, on the first bytes it gets. */
    static final class TruncatingServer extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            ((TlsProtocol) transport()).transport().loseConnection();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void aConnectionClosedWithoutCloseNotifyIsReportedAsPossiblyTruncated(String kind) throws Exception {
        try (ReactorThread r = ReactorThread.start(kind)) {
            int port = coreTlsServer(r, TruncatingServer::new, new CompletableFuture<>());
            TransferProbe client = TransferProbe.roundTrip("hi".getBytes(StandardCharsets.US_ASCII));
            coreTlsClient(r, port, cert.clientOptions("localhost"), client);

            Failure reason = client.awaitLost();
            assertEquals(ConnectionLost.class, reason.value().getClass(), reason::getTraceback);
            assertTrue(reason.getErrorMessage().contains("without a TLS close_notify"), reason.getErrorMessage());
            assertEquals(0, client.receivedCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void coreTlsClientRefusesACertificateForAnotherName(String kind) throws Exception {
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<RecordingEcho> server = new CompletableFuture<>();
            int port = nettyTlsServer(r, RecordingEcho::new, server);
            TransferProbe client = TransferProbe.roundTrip("secret".getBytes(StandardCharsets.US_ASCII));
            coreTlsClient(r, port, cert.clientOptions("evil.example"), client);

            Failure reason = client.awaitLost();
            TlsHandshakeError error = assertInstanceOf(TlsHandshakeError.class, reason.value(), reason::getTraceback);
            assertTrue(error.getMessage().contains("evil.example"), error.getMessage());
            assertInstanceOf(SSLException.class, error.getCause());
            assertEquals(0, client.receivedCount());
            // The secret written before the handshake never reached the server.
            assertInstanceOf(ConnectionLost.class, await(server).awaitLost().value());
            assertEquals(0, await(server).echoed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void nettyTlsClientRefusesACertificateForAnotherNameFromCoreTlsServer(String kind) throws Exception {
        try (ReactorThread r = ReactorThread.start(kind)) {
            CompletableFuture<RecordingEcho> server = new CompletableFuture<>();
            int port = coreTlsServer(r, RecordingEcho::new, server);
            TransferProbe client = TransferProbe.roundTrip("secret".getBytes(StandardCharsets.US_ASCII));
            nettyTlsClient(r, port, cert.clientOptions("evil.example"), client);

            Failure reason = client.awaitLost();
            assertInstanceOf(ConnectionLost.class, reason.value(), reason::getTraceback);
            assertTrue(reason.getTraceback().contains("evil.example"), reason::getTraceback);
            assertEquals(0, client.receivedCount());
            // The core's server hears why: the client's alert ended the handshake.
            Failure serverReason = await(server).awaitLost();
            assertInstanceOf(TlsHandshakeError.class, serverReason.value(), serverReason::getTraceback);
            assertEquals(0, await(server).echoed());
        }
    }
}
