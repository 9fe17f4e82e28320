package dev.torsion.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.SystemEventTrigger;
import dev.torsion.internet.TriggerPhase;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.UdpOptions;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.internet.error.ProcessExitedAlready;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.internet.error.UserCancelledConnect;
import dev.torsion.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class MemoryReactorTest {
    private final MemoryReactor reactor = new MemoryReactor();

    /** A client factory that records what it hears. */
    static final class Events extends ClientFactory {
        final List<String> events = new ArrayList<>();

        @Override
        public Protocol buildProtocol(Address address) {
            events.add("build " + address);
            return new Protocol() {
            };
        }

        @Override
        public void startedConnecting(Connector connector) {
            events.add("started");
        }

        @Override
        public void clientConnectionFailed(Connector connector, Failure reason) {
            events.add("failed " + reason.type().getSimpleName());
        }

        @Override
        public void clientConnectionLost(Connector connector, Failure reason) {
            events.add("lost " + reason.type().getSimpleName());
        }
    }

    @Test
    void recordsListenCalls() throws Exception {
        ListeningPort tcp = reactor.listenTCP(0, address -> null, 20, "127.0.0.1");
        ListeningPort unix = reactor.listenUNIX("/tmp/s", address -> null, 5, 0600, true);
        TlsOptions tls = TlsOptions.server(SSLContext.getDefault());
        reactor.listenSSL(443, address -> null, tls, 50, "");
        assertEquals(1, reactor.tcpServers().size());
        assertEquals(20, reactor.tcpServers().get(0).backlog());
        assertEquals(new IPv4Address(SocketType.TCP, "127.0.0.1", 40000), tcp.getHost(), "port 0 gets an ephemeral port");
        assertEquals(new UNIXAddress("/tmp/s"), unix.getHost());
        assertEquals(0600, reactor.unixServers().get(0).mode());
        assertSame(tls, reactor.sslServers().get(0).tls());
        MemoryListeningPort port = reactor.tcpServers().get(0).listeningPort();
        assertTrue(port.isListening());
        tcp.stopListening();
        assertFalse(port.isListening());
    }

    @Test
    void connectorsReportToTheFactory() {
        Events factory = new Events();
        Connector connector = reactor.connectTCP("example.org", 80, factory);
        assertEquals(List.of("started"), factory.events);
        MemoryReactor.TcpClient call = reactor.tcpClients().get(0);
        assertEquals(Duration.ofSeconds(30), call.timeout());
        assertSame(connector, call.connector());
        Protocol protocol = call.connector().connectionMade();
        assertNotNull(protocol.transport());
        call.connector().connectionLost(false);
        assertEquals(List.of("started", "build TCP:example.org:80", "lost ConnectionLost"), factory.events);

        connector.connect();
        call.connector().connectionFailed(new ConnectionRefusedError("no"));
        assertEquals(2, call.connector().attempts());
        assertEquals("failed ConnectionRefusedError", factory.events.get(factory.events.size() - 1));
    }

    @Test
    void stopConnectingFailsTheAttempt() {
        Events factory = new Events();
        Connector connector = reactor.connectUNIX("/tmp/sock", factory, Duration.ofSeconds(1), true);
        connector.stopConnecting();
        assertEquals(List.of("started", "failed " + UserCancelledConnect.class.getSimpleName()), factory.events);
        assertTrue(reactor.unixClients().get(0).checkPID());
    }

    @Test
    void timeAndThreadCalls() throws Exception {
        List<String> ran = new ArrayList<>();
        reactor.callLater(Duration.ofSeconds(2), () -> ran.add("later"));
        CountDownLatch queued = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            reactor.callFromThread(() -> ran.add("from thread"));
            queued.countDown();
        });
        other.start();
        assertTrue(queued.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(), ran, "nothing runs until the test says so");
        reactor.advance(Duration.ofSeconds(1));
        assertEquals(List.of("from thread"), ran);
        reactor.pump(Duration.ofSeconds(1));
        assertEquals(List.of("from thread", "later"), ran);
        assertEquals(2_000_000_000L, reactor.nanoTime());
        assertTrue(reactor.getDelayedCalls().isEmpty());
    }

    @Test
    void deferToThreadRunsInline() throws Exception {
        List<Object> got = new ArrayList<>();
        reactor.deferToThread(() -> 42).addCallback(got::add);
        reactor.deferToThread(() -> {
            throw new IOException("nope");
        }).addErrback(f -> got.add(f.getErrorMessage()));
        assertEquals(List.of(42, "nope"), got);
        assertEquals(7, (int) reactor.blockingCallFromThreadDeferred(() -> Deferred.succeed(7)));
        assertEquals(8, (int) reactor.blockingCallFromThread(() -> 8));
        assertThrows(IOException.class,
                () -> reactor.blockingCallFromThreadDeferred(() -> Deferred.fail(new IOException("x"))));
        assertThrows(IOException.class, () -> reactor.blockingCallFromThread(() -> {
            throw new IOException("y");
        }));
        assertThrows(IllegalStateException.class, () -> reactor.blockingCallFromThreadDeferred(Deferred::new));
    }

    @Test
    void lifeCycleAndTriggers() {
        List<String> ran = new ArrayList<>();
        reactor.callWhenRunning(() -> ran.add("running"));
        reactor.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.STARTUP, () -> {
            ran.add("after startup");
            return null;
        });
        Deferred<Void> slowShutdown = new Deferred<>();
        reactor.addSystemEventTrigger(TriggerPhase.BEFORE, SystemEvent.SHUTDOWN, () -> {
            ran.add("before shutdown");
            return slowShutdown;
        });
        SystemEventTrigger during = reactor.addSystemEventTrigger(TriggerPhase.DURING, SystemEvent.SHUTDOWN, () -> {
            ran.add("during shutdown");
            return null;
        });
        reactor.addSystemEventTrigger(TriggerPhase.AFTER, SystemEvent.SHUTDOWN, () -> {
            ran.add("after shutdown");
            return null;
        });
        assertEquals(4, reactor.triggers().size());
        assertEquals(new MemoryReactor.TriggerRegistration(TriggerPhase.DURING, SystemEvent.SHUTDOWN, during),
                reactor.triggers().get(2));
        assertThrows(ReactorNotRunning.class, reactor::stop);
        reactor.run();
        assertTrue(reactor.isRunning());
        assertThrows(ReactorAlreadyRunning.class, reactor::run);
        assertEquals(List.of("running", "after startup"), ran);
        reactor.callWhenRunning(() -> ran.add("at once"));

        reactor.removeSystemEventTrigger(during);
        assertEquals(3, reactor.triggers().size());
        reactor.stop();
        assertEquals(List.of("running", "after startup", "at once", "before shutdown"), ran);
        assertFalse(reactor.hasStopped(), "waiting for the BEFORE trigger's Deferred");
        slowShutdown.callback(null);
        assertEquals(List.of("running", "after startup", "at once", "before shutdown", "after shutdown"), ran);
        assertTrue(reactor.hasStopped());
        assertEquals(List.of(SystemEvent.STARTUP, SystemEvent.SHUTDOWN), reactor.firedEvents());
        assertThrows(IllegalArgumentException.class, () -> reactor.removeSystemEventTrigger(during));
    }

    @Test
    void udpUnixDatagramAndProcesses() {
        List<String> started = new ArrayList<>();
        DatagramProtocol udp = new DatagramProtocol() {
            @Override
            public void startProtocol() {
                started.add("udp");
            }

            @Override
            public void datagramReceived(byte[] datagram, Address from) {
            }
        };
        ListeningPort port = reactor.listenUDP(5353, udp, "127.0.0.1", 1500);
        udp.transport().write(new byte[] {1}, new IPv4Address(SocketType.UDP, "127.0.0.1", 53));
        MemoryReactor.UdpPort call = reactor.udpPorts().get(0);
        assertEquals(1500, call.maxPacketSize());
        assertEquals(UdpOptions.DEFAULT, call.options());
        assertArrayEquals(new byte[] {1}, call.transport().sent().get(0).data());
        assertEquals(new IPv4Address(SocketType.UDP, "127.0.0.1", 5353), port.getHost());
        assertEquals(List.of("udp"), started);
        reactor.listenUDP(5060, udp, "", 65535, UdpOptions.DEFAULT.withReceiveBufferSize(4 << 20));
        assertEquals(4 << 20, reactor.udpPorts().get(1).options().receiveBufferSize());
        assertThrows(IllegalArgumentException.class, () -> UdpOptions.DEFAULT.withReceiveBufferSize(-1));
        reactor.listenUNIXDatagram("/tmp/dg", udp, 100, 0600);
        assertEquals("/tmp/dg", reactor.unixDatagrams().get(0).path());

        ProcessProtocol process = new ProcessProtocol() {
        };
        reactor.spawnProcess(process, "/bin/cat", List.of("-u"), Map.of("A", "b"), Path.of("/tmp"));
        MemoryReactor.ProcessSpawn spawn = reactor.processes().get(0);
        assertEquals("/bin/cat", spawn.executable());
        assertEquals(List.of("-u"), spawn.args());
        assertSame(spawn.transport(), process.transport());
        process.transport().write("in".getBytes());
        process.transport().signalProcess("TERM");
        process.transport().closeStdin();
        assertEquals("in", new String(spawn.transport().stdinWritten()));
        assertEquals(List.of("TERM"), spawn.transport().signals());
        assertEquals(Set.of(0), spawn.transport().closedDescriptors());
        spawn.transport().markExited();
        assertThrows(ProcessExitedAlready.class, () -> process.transport().signalProcess("KILL"));
        assertEquals("memory", reactor.kind());
    }
}
