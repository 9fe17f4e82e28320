package dev.torsion.netty.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.ClientEndpointParser;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.internet.endpoints.ServerEndpointParser;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.tls.SelfSignedCertificate;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint kinds this module adds: {@code ssl}/{@code tls} servers and clients, {@code systemd}. */
class TlsAndSystemdEndpointsTest {
    @TempDir
    Path tmp;

    private NettyReactor reactor;
    private Thread thread;

    @BeforeEach
    void start() throws InterruptedException {
        reactor = NettyReactor.create("epoll").setShutdownTimeout(Duration.ofSeconds(5));
        CountDownLatch started = new CountDownLatch(1);
        reactor.callWhenRunning(started::countDown);
        thread = new Thread(reactor::run, "endpoint-test-reactor");
        thread.start();
        assertTrue(started.await(10, TimeUnit.SECONDS));
    }

    @AfterEach
    void stop() throws InterruptedException {
        reactor.stop();
        thread.join(10_000);
    }

    private static ServerEndpointParser serverParser(String prefix) {
        for (ServerEndpointParser parser : ServiceLoader.load(ServerEndpointParser.class)) {
            if (parser.prefix().equals(prefix)) {
                return parser;
            }
        }
        throw new AssertionError("no server endpoint parser for " + prefix);
    }

    private static ClientEndpointParser clientParser(String prefix) {
        for (ClientEndpointParser parser : ServiceLoader.load(ClientEndpointParser.class)) {
            if (parser.prefix().equals(prefix)) {
                return parser;
            }
        }
        throw new AssertionError("no client endpoint parser for " + prefix);
    }

    /** Echoes. */
    static final class Echo extends Protocol {
        @Override
        public void dataReceived(byte[] data) {
            transport().write(data);
        }
    }

    /** Sends "hi" and completes with what comes back. */
    static final class Hello extends Protocol {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final CompletableFuture<String> reply = new CompletableFuture<>();

        @Override
        public void connectionMade() {
            transport().write("hi".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void dataReceived(byte[] data) {
            got.write(data, 0, data.length);
            if (got.size() >= 2) {
                reply.complete(got.toString(StandardCharsets.US_ASCII));
            }
        }
    }

    private <T> T await(Deferred<T> deferred) throws Exception {
        CompletableFuture<T> future = new CompletableFuture<>();
        reactor.callFromThread(() -> deferred.addCallbacks(v -> {
            future.complete(v);
            return null;
        }, f -> {
            future.completeExceptionally(f.value());
            return null;
        }));
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void serviceLoaderFindsEveryKind() {
        for (String prefix : List.of("ssl", "tls", "systemd")) {
            assertEquals(prefix, serverParser(prefix).prefix());
        }
        for (String prefix : List.of("ssl", "tls")) {
            assertEquals(prefix, clientParser(prefix).prefix());
        }
    }

    @Test
    void sslServerFromPemFilesAndTlsClientWithCaCerts() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        ServerEndpoint server = serverParser("ssl").parse(reactor, List.of("0"), Map.of(
                "privateKey", tmp.resolve("key.pem").toString(), "certKey", tmp.resolve("cert.pem").toString(),
                "interface", "127.0.0.1"));
        ListeningPort port = await(server.listen(a -> new Echo()));
        int number = ((IPv4Address) port.getHost()).port();
        ClientEndpoint client = clientParser("tls").parse(reactor, List.of("127.0.0.1", String.valueOf(number)),
                Map.of("hostname", "localhost", "caCerts", tmp.resolve("cert.pem").toString()));
        Hello hello = new Hello();
        Protocol connected = await(client.connect(a -> hello));
        assertTrue(connected == hello, "the Deferred fires with the user's protocol");
        assertEquals("hi", hello.reply.get(10, TimeUnit.SECONDS));
    }

    @Test
    void combinedPemFileServesKeyAndCertificate() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        Path combined = tmp.resolve("server.pem");
        Files.writeString(combined, cert.privateKeyPem() + cert.certificatePem());
        Files.writeString(tmp.resolve("ca.pem"), cert.certificatePem());
        ServerEndpoint server = serverParser("tls").parse(reactor, List.of(),
                Map.of("port", "0", "privateKey", combined.toString(), "interface", "127.0.0.1", "backlog", "10"));
        ListeningPort port = await(server.listen(a -> new Echo()));
        int number = ((IPv4Address) port.getHost()).port();
        ClientEndpoint client = clientParser("ssl").parse(reactor, List.of(),
                Map.of("host", "127.0.0.1", "port", String.valueOf(number), "hostname", "localhost",
                        "trustRoots", tmp.resolve("ca.pem").toString(), "timeout", "5"));
        Hello hello = new Hello();
        await(client.connect(a -> hello));
        assertEquals("hi", hello.reply.get(10, TimeUnit.SECONDS));
    }

    @Test
    void endpointStringsReachTheseParsersThroughTheCoreParser() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        ServerEndpoint server = Endpoints.serverFromString(reactor,
                "ssl:0:privateKey=" + tmp.resolve("key.pem") + ":certKey=" + tmp.resolve("cert.pem")
                        + ":interface=127.0.0.1");
        ListeningPort port = await(server.listen(a -> new Echo()));
        int number = ((IPv4Address) port.getHost()).port();
        ClientEndpoint client = Endpoints.clientFromString(reactor,
                "tls:127.0.0.1:" + number + ":hostname=localhost:caCerts=" + tmp.resolve("cert.pem"));
        Hello hello = new Hello();
        await(client.connect(a -> hello));
        assertEquals("hi", hello.reply.get(10, TimeUnit.SECONDS));
    }

    @Test
    void refusedClientEndpointFailsTyped() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate("localhost");
        cert.writeTo(tmp);
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        ClientEndpoint client = clientParser("tls").parse(reactor, List.of("127.0.0.1", String.valueOf(freePort)),
                Map.of("caCerts", tmp.resolve("cert.pem").toString()));
        var error = assertThrows(ExecutionException.class,
                () -> await(client.connect(a -> new Hello())));
        assertInstanceOf(ConnectionRefusedError.class, error.getCause());
    }

    @Test
    void badDescriptionsFailClearly() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> serverParser("ssl").parse(reactor,
                List.of("443"), Map.of("privateKey", "k.pem", "colour", "blue")));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> serverParser("ssl").parse(reactor, List.of("443"), Map.of()));
        assertTrue(missing.getMessage().contains("privateKey"), missing.getMessage());
        var noFile = assertThrows(IllegalArgumentException.class, () -> serverParser("ssl").parse(reactor,
                List.of("443"), Map.of("privateKey", tmp.resolve("absent.pem").toString())));
        assertTrue(noFile.getMessage().contains("absent.pem"), noFile.getMessage());
        var badPort = assertThrows(IllegalArgumentException.class,
                () -> clientParser("tls").parse(reactor, List.of("example.org", "99999"), Map.of()));
        assertTrue(badPort.getMessage().contains("99999"), badPort.getMessage());
    }

    @Test
    void systemdChecksTheActivationVariables() {
        long pid = ProcessHandle.current().pid();
        var notActivated = new SystemdServerEndpointParser(Map.of(), pid);
        assertThrows(IllegalArgumentException.class,
                () -> notActivated.parse(reactor, List.of(), Map.of("domain", "INET", "index", "0")));
        var otherProcess = new SystemdServerEndpointParser(Map.of("LISTEN_PID", "1", "LISTEN_FDS", "1"), pid);
        var wrongPid = assertThrows(IllegalArgumentException.class,
                () -> otherProcess.parse(reactor, List.of(), Map.of("domain", "INET", "index", "0")));
        assertTrue(wrongPid.getMessage().contains("another process"), wrongPid.getMessage());
        var two = new SystemdServerEndpointParser(Map.of("LISTEN_PID", String.valueOf(pid), "LISTEN_FDS", "2"), pid);
        assertEquals(4, two.inheritedDescriptor(1));
        assertThrows(IllegalArgumentException.class, () -> two.inheritedDescriptor(2));
        assertThrows(IllegalArgumentException.class,
                () -> two.parse(reactor, List.of(), Map.of("domain", "APPLETALK", "index", "0")));
    }

    @Test
    void systemdAdoptsAnInheritedListeningSocket() throws Exception {
        Epoll.ensureAvailability();
        // Stand in for systemd: a socket bound and listening before the reactor sees it.
        Socket inherited = Socket.newSocketStream();
        inherited.bind(new InetSocketAddress("127.0.0.1", 0));
        inherited.listen(16);
        int port = ((InetSocketAddress) inherited.localAddress()).getPort();
        int fd = inherited.intValue();
        long pid = ProcessHandle.current().pid();
        Map<String, String> env = new HashMap<>();
        env.put("LISTEN_PID", String.valueOf(pid));
        env.put("LISTEN_FDS", String.valueOf(fd - SystemdServerEndpointParser.FIRST_FD + 1));
        ServerEndpoint server = new SystemdServerEndpointParser(env, pid).parse(reactor, List.of(),
                Map.of("domain", "INET", "index", String.valueOf(fd - SystemdServerEndpointParser.FIRST_FD)));
        ListeningPort listening = await(server.listen(a -> new Echo()));
        assertEquals(port, ((IPv4Address) listening.getHost()).port());
        try (SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            client.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer back = ByteBuffer.allocate(3);
            while (back.hasRemaining() && client.read(back) >= 0) {
                // a blocking channel: each read waits for the echo
            }
            assertEquals("abc", new String(back.array(), StandardCharsets.US_ASCII));
        }
        await(listening.stopListening());
    }
}
