package dev.torsion.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Failure;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionRefusedError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UNIX sockets: streams on both loops; abstract names, credentials and datagrams on epoll. */
class UnixSocketTest {
    @TempDir
    Path tmp;

    private static RecordingProtocol pinger(String text) {
        return new RecordingProtocol(text.length()) {
            @Override
            public void connectionMade() {
                super.connectionMade();
                transport().write(text.getBytes(StandardCharsets.US_ASCII));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void streamEchoWithFileModeAndAddresses(String kind) throws Exception {
        String path = tmp.resolve("echo.sock").toString();
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort listening = r.reactor.listenUNIX(path, a -> new Echo(), 50, 0600, false);
            assertEquals(new UNIXAddress(path), listening.getHost());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))));
            RecordingProtocol client = pinger("over unix");
            r.reactor.connectUNIX(path, new TestClientFactory(() -> client), Duration.ofSeconds(5), false);
            assertEquals("over unix", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            assertEquals(new UNIXAddress(path), client.transport().getPeer());
            r.call(() -> listening.stopListening());
            assertFalse(Files.exists(Path.of(path)), "the socket file is removed when listening stops");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void connectingToNothingIsRefused(String kind) throws Exception {
        try (RunningReactor r = new RunningReactor(kind)) {
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            r.reactor.connectUNIX(tmp.resolve("absent.sock").toString(), factory, Duration.ofSeconds(5), false);
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectionRefusedError.class, reason.value(), reason.getTraceback());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void wantPidCleansUpAfterADeadProcessAndRefusesALiveOne(String kind) throws Exception {
        Path socket = tmp.resolve("locked.sock");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(UnixSockets.lockPath(socket), String.valueOf(dead.pid()));
        Files.writeString(socket, "stale socket file");
        try (RunningReactor r = new RunningReactor(kind)) {
            ListeningPort first = r.reactor.listenUNIX(socket.toString(), a -> new Echo(), 50, 0666, true);
            assertEquals(String.valueOf(ProcessHandle.current().pid()),
                    Files.readString(UnixSockets.lockPath(socket)));
            CannotListenError busy = assertThrows(CannotListenError.class,
                    () -> r.reactor.listenUNIX(socket.toString(), a -> new Echo(), 50, 0666, true));
            assertTrue(busy.getMessage().contains("live process"), busy.getMessage());
            RecordingProtocol client = pinger("pid");
            r.reactor.connectUNIX(socket.toString(), new TestClientFactory(() -> client), Duration.ofSeconds(5), true);
            assertEquals("pid", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
            r.call(() -> first.stopListening());
            assertFalse(Files.exists(UnixSockets.lockPath(socket)), "the lock is released");
            TestClientFactory factory = new TestClientFactory(RecordingProtocol::new);
            r.reactor.connectUNIX(socket.toString(), factory, Duration.ofSeconds(5), true);
            Failure reason = factory.failed.get(10, TimeUnit.SECONDS);
            assertInstanceOf(ConnectError.class, reason.value());
            assertTrue(reason.getErrorMessage().contains("lock"), reason.getErrorMessage());
        }
    }

    @Test
    void abstractNamespaceOnEpoll() throws Exception {
        String name = "@torsion-test-" + UUID.randomUUID();
        try (RunningReactor r = new RunningReactor("epoll")) {
            ListeningPort listening = r.reactor.listenUNIX(name, a -> new Echo(), 50, 0666, false);
            assertEquals(new UNIXAddress("\0" + name.substring(1)), listening.getHost());
            RecordingProtocol client = pinger("abstract");
            r.reactor.connectUNIX(name, new TestClientFactory(() -> client), Duration.ofSeconds(5), false);
            assertEquals("abstract", new String(client.gotAll.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        }
        try (RunningReactor r = new RunningReactor("nio")) {
            CannotListenError error = assertThrows(CannotListenError.class,
                    () -> r.reactor.listenUNIX(name, a -> new Echo(), 50, 0666, false));
            assertTrue(error.getMessage().contains("abstract"), error.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void peerCredentialsOnTheNativeLoop(String kind) throws Exception {
        String path = tmp.resolve("creds.sock").toString();
        try (RunningReactor r = new RunningReactor(kind)) {
            CompletableFuture<UnixCredentials> seen = new CompletableFuture<>();
            r.reactor.listenUNIX(path, a -> new Echo() {
                @Override
                public void connectionMade() {
                    seen.complete(((PeerCredentialsTransport) transport()).peerCredentials());
                }
            }, 50, 0600, false);
            r.reactor.connectUNIX(path, new TestClientFactory(RecordingProtocol::new), Duration.ofSeconds(5), false);
            UnixCredentials credentials = seen.get(10, TimeUnit.SECONDS);
            if (kind.equals("nio")) {
                assertEquals(null, credentials, "NIO cannot ask the kernel: no credentials rather than wrong ones");
                return;
            }
            assertNotNull(credentials);
            assertEquals(ProcessHandle.current().pid(), credentials.pid());
            String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII).trim();
            assertEquals(Integer.parseInt(uid), credentials.uid());
        }
    }

    @Test
    void datagramSocketsOnEpollAndAClearErrorOnNio() throws Exception {
        String serverPath = tmp.resolve("server.dgram").toString();
        String clientPath = tmp.resolve("client.dgram").toString();
        try (RunningReactor r = new RunningReactor("epoll")) {
            UdpTransportTest.Recorder server = new UdpTransportTest.Recorder(true);
            r.reactor.listenUNIXDatagram(serverPath, server, 8192, 0600);
            UdpTransportTest.Recorder client = new UdpTransportTest.Recorder(false);
            ListeningPort clientPort = r.reactor.listenUNIXDatagram(clientPath, client, 8192, 0600);
            client.started.get(10, TimeUnit.SECONDS);
            r.call(() -> {
                client.transport().write("dgram".getBytes(StandardCharsets.US_ASCII), new UNIXAddress(serverPath));
                return null;
            });
            UdpTransportTest.Datagram got = server.next();
            assertEquals("dgram", got.text());
            assertEquals(new UNIXAddress(clientPath), got.from());
            assertEquals("dgram", client.next().text());
            r.call(() -> clientPort.stopListening());
            assertFalse(Files.exists(Path.of(clientPath)));
        }
        try (RunningReactor r = new RunningReactor("nio")) {
            CannotListenError error = assertThrows(CannotListenError.class, () -> r.reactor.listenUNIXDatagram(
                    tmp.resolve("nio.dgram").toString(), new UdpTransportTest.Recorder(false), 8192, 0600));
            assertTrue(error.getMessage().contains("epoll"), error.getMessage());
        }
    }
}
