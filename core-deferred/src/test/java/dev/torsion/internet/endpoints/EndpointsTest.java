package dev.torsion.internet.endpoints;

import static dev.torsion.testing.DeferredAssertions.failureResultOf;
import static dev.torsion.testing.DeferredAssertions.successResultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.UserCancelledConnect;
import dev.torsion.testing.MemoryConnector;
import dev.torsion.testing.MemoryReactor;
import dev.torsion.testing.StringTransport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final ProtocolFactory factory = address -> new Recorder();

    static final class Recorder extends Protocol {
        final List<String> events = new ArrayList<>();

        @Override
        public void connectionMade() {
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data " + new String(data, StandardCharsets.UTF_8));
        }

        @Override
        public void connectionLost(Failure reason) {
            events.add("lost");
        }
    }

    private static IllegalArgumentException badServer(MemoryReactor reactor, String description) {
        return assertThrows(IllegalArgumentException.class, () -> Endpoints.serverFromString(reactor, description));
    }

    private static IllegalArgumentException badClient(MemoryReactor reactor, String description) {
        return assertThrows(IllegalArgumentException.class, () -> Endpoints.clientFromString(reactor, description));
    }

    // ---------------------------------------------------------------- the syntax

    @Test
    void parsesArgumentsAndEscapes() {
        EndpointDescription d = EndpointDescription.parse("kind:a\\:b:key=v\\:w:other=x=y:c\\\\d:e\\=f");
        assertEquals("kind", d.kind());
        assertEquals(List.of("a:b", "c\\d", "e=f"), d.args());
        assertEquals(Map.of("key", "v:w", "other", "x=y"), d.kwargs());
        assertEquals(List.of("key", "other"), List.copyOf(d.kwargs().keySet()), "order kept");
        assertEquals(EndpointDescription.parse("k:" + EndpointDescription.quote("a:b=c\\d")).args(), List.of("a:b=c\\d"));
    }

    @Test
    void syntaxErrors() {
        assertThrows(IllegalArgumentException.class, () -> EndpointDescription.parse(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointDescription.parse("tcp:80\\"))
                .getMessage().contains("backslash"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EndpointDescription.parse("tcp:80:a=1:a=2"))
                .getMessage().contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> EndpointDescription.parse("tcp:=1"));
        assertThrows(IllegalArgumentException.class, () -> EndpointDescription.parse(":80"));
    }

    // ---------------------------------------------------------------- servers

    @Test
    void tcpServer() {
        ServerEndpoint endpoint = Endpoints.serverFromString(reactor, "tcp:8080:interface=127.0.0.1:backlog=10");
        assertInstanceOf(TCP4ServerEndpoint.class, endpoint);
        ListeningPort port = successResultOf(endpoint.listen(factory));
        MemoryReactor.TcpServer call = reactor.tcpServers().get(0);
        assertEquals(8080, call.port());
        assertEquals("127.0.0.1", call.interfaceAddress());
        assertEquals(10, call.backlog());
        assertSame(factory, call.factory());
        assertEquals(new IPv4Address(SocketType.TCP, "127.0.0.1", 8080), port.getHost());
    }

    @Test
    void tcpServerDefaultsAndPositionalForms() {
        successResultOf(Endpoints.serverFromString(reactor, "tcp:80").listen(factory));
        successResultOf(Endpoints.serverFromString(reactor, "tcp:81:127.0.0.1").listen(factory));
        successResultOf(Endpoints.serverFromString(reactor, "tcp:interface=127.0.0.1:82").listen(factory));
        successResultOf(Endpoints.serverFromString(reactor, "tcp:port=0").listen(factory));
        List<MemoryReactor.TcpServer> calls = reactor.tcpServers();
        assertEquals(Reactor.DEFAULT_BACKLOG, calls.get(0).backlog());
        assertEquals("", calls.get(0).interfaceAddress());
        assertEquals("127.0.0.1", calls.get(1).interfaceAddress());
        assertEquals(82, calls.get(2).port());
        assertEquals(0, calls.get(3).port());
    }

    @Test
    void tcp6Server() {
        successResultOf(Endpoints.serverFromString(reactor, "tcp6:8443:interface=\\:\\:1").listen(factory));
        successResultOf(Endpoints.serverFromString(reactor, "tcp6:8444").listen(factory));
        assertEquals("::1", reactor.tcpServers().get(0).interfaceAddress());
        assertEquals("::", reactor.tcpServers().get(1).interfaceAddress());
        assertInstanceOf(IPv6Address.class, reactor.tcpServers().get(0).listeningPort().getHost());
        assertTrue(badServer(reactor, "tcp6:80:interface=127.0.0.1").getMessage().contains("IPv6"));
    }

    @Test
    void unixServer() {
        ServerEndpoint endpoint = Endpoints.serverFromString(reactor, "unix:/var/run/app.sock:mode=660:backlog=5:lockfile=0");
        ListeningPort port = successResultOf(endpoint.listen(factory));
        MemoryReactor.UnixServer call = reactor.unixServers().get(0);
        assertEquals("/var/run/app.sock", call.path());
        assertEquals(0660, call.mode());
        assertEquals(5, call.backlog());
        assertEquals(false, call.wantPID());
        assertEquals(new UNIXAddress("/var/run/app.sock"), port.getHost());

        successResultOf(Endpoints.serverFromString(reactor, "unix:address=/tmp/x\\:y").listen(factory));
        MemoryReactor.UnixServer defaults = reactor.unixServers().get(1);
        assertEquals("/tmp/x:y", defaults.path());
        assertEquals(0666, defaults.mode());
        assertEquals(Reactor.DEFAULT_BACKLOG, defaults.backlog());
        assertEquals(true, defaults.wantPID());
    }

    @Test
    void listenFailureFailsTheDeferred() {
        reactor.failNextListen(new CannotListenError("address in use"));
        Failure f = failureResultOf(Endpoints.serverFromString(reactor, "tcp:80").listen(factory));
        assertNotNull(f.check(CannotListenError.class));
        assertEquals("address in use", f.getErrorMessage());
    }

    @Test
    void badServerDescriptions() {
        assertTrue(badServer(reactor, "bogus:80").getMessage().contains("unknown endpoint kind 'bogus'"));
        assertTrue(badServer(reactor, "bogus:80").getMessage().contains("tcp, tcp6"), "lists the known kinds");
        assertTrue(badServer(reactor, "8080").getMessage().contains("unknown endpoint kind '8080'"));
        assertTrue(badServer(reactor, "tcp").getMessage().contains("needs 'port'"));
        assertTrue(badServer(reactor, "tcp:http").getMessage().contains("bad port 'http'"));
        assertTrue(badServer(reactor, "tcp:70000").getMessage().contains("0 to 65535"));
        assertTrue(badServer(reactor, "tcp:80:nic=eth0").getMessage().contains("unknown argument 'nic'"));
        assertTrue(badServer(reactor, "tcp:80:127.0.0.1:5:extra").getMessage().contains("too many arguments"));
        assertTrue(badServer(reactor, "tcp:80:backlog=0").getMessage().contains("positive"));
        assertTrue(badServer(reactor, "tcp:80:interface=localhost").getMessage().contains("IPv4 address"));
        assertTrue(badServer(reactor, "tcp:80:interface=300.1.1.1").getMessage().contains("IPv4 address"));
        assertTrue(badServer(reactor, "unix:/x:mode=999").getMessage().contains("octal"));
        assertTrue(badServer(reactor, "unix:/x:lockfile=yes").getMessage().contains("0 or 1"));
        assertTrue(badServer(reactor, "unix:").getMessage().contains("non-empty 'address'"));
        assertEquals(List.of(), reactor.tcpServers(), "nothing listened");
    }

    // ---------------------------------------------------------------- clients

    @Test
    void tcpClientFiresAfterConnectionMade() {
        ClientEndpoint endpoint = Endpoints.clientFromString(reactor,
                "tcp:host=example.org:port=80:timeout=5:bindAddress=127.0.0.1");
        Deferred<Protocol> connected = endpoint.connect(factory);
        MemoryReactor.TcpClient call = reactor.tcpClients().get(0);
        assertEquals("example.org", call.host());
        assertEquals(80, call.port());
        assertEquals(Duration.ofSeconds(5), call.timeout());
        assertEquals(new InetSocketAddress("127.0.0.1", 0), call.bindAddress());

        List<Protocol> fired = new ArrayList<>();
        connected.addCallback(p -> {
            fired.add(p);
            assertEquals(List.of("made"), ((Recorder) p).events, "connectionMade ran before the Deferred fired");
            return p;
        });
        assertEquals(List.of(), fired);
        StringTransport transport = new StringTransport();
        Protocol wrapper = call.connector().connectionMade(transport);
        Recorder recorder = (Recorder) fired.get(0);
        assertSame(transport, recorder.transport(), "the user's protocol talks to the real transport");
        wrapper.dataReceived("hi".getBytes(StandardCharsets.UTF_8));
        call.connector().connectionLost(true);
        assertEquals(List.of("made", "data hi", "lost"), recorder.events);
        assertTrue(!recorder.isConnected());
    }

    @Test
    void tcpClientPositionalForms() {
        Endpoints.clientFromString(reactor, "tcp:localhost:8080").connect(factory);
        Endpoints.clientFromString(reactor, "tcp:8081:host=127.0.0.1").connect(factory);
        Endpoints.clientFromString(reactor, "tcp:host=\\:\\:1:port=8082").connect(factory);
        List<MemoryReactor.TcpClient> calls = reactor.tcpClients();
        assertEquals("localhost", calls.get(0).host());
        assertEquals(8080, calls.get(0).port());
        assertEquals(Duration.ofSeconds(30), calls.get(0).timeout());
        assertNull(calls.get(0).bindAddress());
        assertEquals("127.0.0.1", calls.get(1).host());
        assertEquals(8081, calls.get(1).port());
        assertEquals("::1", calls.get(2).host());
    }

    @Test
    void tcpClientFailsWithTheConnectError() {
        Deferred<Protocol> connected = Endpoints.clientFromString(reactor, "tcp:localhost:1").connect(factory);
        reactor.tcpClients().get(0).connector().connectionFailed(new ConnectionRefusedError("refused"));
        Failure f = failureResultOf(connected);
        assertNotNull(f.check(ConnectionRefusedError.class));
        assertNotNull(f.check(ConnectError.class));
    }

    @Test
    void cancellingStopsTheAttempt() {
        Deferred<Protocol> connected = Endpoints.clientFromString(reactor, "tcp:localhost:1").connect(factory);
        MemoryConnector connector = reactor.tcpClients().get(0).connector();
        connected.cancel();
        assertEquals(MemoryConnector.State.FAILED, connector.state(), "the attempt was stopped");
        Failure f = failureResultOf(connected);
        assertNotNull(f.check(UserCancelledConnect.class), String.valueOf(f));
        assertThrows(IllegalStateException.class, connector::connectionMade, "nothing connects after cancel");
    }

    @Test
    void cancellingAfterConnectingChangesNothing() {
        Deferred<Protocol> connected = Endpoints.clientFromString(reactor, "tcp:localhost:1").connect(factory);
        reactor.tcpClients().get(0).connector().connectionMade();
        connected.cancel();
        assertInstanceOf(Recorder.class, successResultOf(connected));
    }

    @Test
    void refusingFactoryFailsTheDeferred() {
        Deferred<Protocol> connected = Endpoints.clientFromString(reactor, "tcp:localhost:1").connect(address -> null);
        reactor.tcpClients().get(0).connector().connectionMade();
        assertTrue(failureResultOf(connected).getErrorMessage().contains("refused the connection"));
    }

    @Test
    void unixClient() {
        Deferred<Protocol> connected = Endpoints.clientFromString(reactor, "unix:path=/run/s.sock:timeout=2.5:checkPID=1")
                .connect(factory);
        MemoryReactor.UnixClient call = reactor.unixClients().get(0);
        assertEquals("/run/s.sock", call.path());
        assertEquals(Duration.ofMillis(2500), call.timeout());
        assertTrue(call.checkPID());
        call.connector().connectionMade();
        assertInstanceOf(Recorder.class, successResultOf(connected));

        Endpoints.clientFromString(reactor, "unix:/tmp/other").connect(factory);
        assertEquals(false, reactor.unixClients().get(1).checkPID());
        assertEquals("/tmp/other", reactor.unixClients().get(1).path());
    }

    @Test
    void connectProtocolGivesBackTheSameProtocol() {
        Recorder mine = new Recorder();
        Deferred<Recorder> connected = Endpoints.connectProtocol(
                Endpoints.clientFromString(reactor, "tcp:localhost:25"), mine);
        reactor.tcpClients().get(0).connector().connectionMade();
        Recorder got = successResultOf(connected);
        assertSame(mine, got);
        assertEquals(List.of("made"), got.events);
    }

    @Test
    void badClientDescriptions() {
        assertTrue(badClient(reactor, "tcp:host=x").getMessage().contains("needs 'port'"));
        assertTrue(badClient(reactor, "tcp:port=80").getMessage().contains("needs 'host'"));
        assertTrue(badClient(reactor, "tcp:x:80:timeout=-1").getMessage().contains("seconds"));
        assertTrue(badClient(reactor, "tcp:x:80:timeout=soon").getMessage().contains("seconds"));
        assertTrue(badClient(reactor, "tcp:x:80:bindAddress=my.host").getMessage().contains("IPv4 address"));
        assertTrue(badClient(reactor, "unix:path=/x:checkPID=2").getMessage().contains("0 or 1"));
        assertTrue(badClient(reactor, "tcp6:x:80").getMessage().contains("unknown endpoint kind 'tcp6'"));
        assertEquals(List.of(), reactor.tcpClients());
    }

    // ---------------------------------------------------------------- plugins

    @Test
    void pluginKindsAreFoundWithServiceLoader() {
        ServerEndpoint server = Endpoints.serverFromString(reactor, "plugtest:9000:note=a\\:b");
        assertEquals(List.of("9000"), MemoryEndpointParsers.Server.lastArgs);
        assertEquals(Map.of("note", "a:b"), MemoryEndpointParsers.Server.lastKwargs);
        successResultOf(server.listen(factory));
        assertEquals(7, reactor.tcpServers().get(0).backlog());

        ClientEndpoint client = Endpoints.clientFromString(reactor, "plugtest:localhost:9000");
        client.connect(factory);
        assertEquals(9000, reactor.tcpClients().get(0).port());
        assertTrue(badServer(reactor, "nope:1").getMessage().contains("plugtest"), "plugin kinds are listed as known");
    }
}
