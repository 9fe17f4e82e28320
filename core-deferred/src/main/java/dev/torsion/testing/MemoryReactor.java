package dev.torsion.testing;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.HostResolver;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.IPv6Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProcessProtocol;
import dev.torsion.internet.ProcessTransport;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.SystemEventTrigger;
import dev.torsion.internet.SystemEventTriggers;
import dev.torsion.internet.TriggerPhase;
import dev.torsion.internet.UNIXAddress;
import dev.torsion.internet.UdpOptions;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.time.DelayedCall;
import dev.torsion.tls.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * A reactor that does no I/O and records what it is asked to do, for testing code that takes a
 * {@link Reactor}: Twisted's {@code MemoryReactorClock}.
 *
 * <ul>
 * <li>Every listen, connect and spawn call is recorded with its arguments ({@link #tcpServers()},
 *     {@link #tcpClients()}, ...). Listening returns a {@link MemoryListeningPort}; connecting returns
 *     a {@link MemoryConnector} through which the test makes the attempt succeed or fail.</li>
 * <li>Time is an embedded {@link TestClock}: {@link #advance} moves it and runs what came due.</li>
 * <li>{@link #callFromThread} queues; the queue runs on {@link #advance} and {@link #runPending()}.
 *     {@link #deferToThread} runs the work at once and returns an already fired Deferred.</li>
 * <li>{@link #run()} marks the reactor running, fires the startup triggers and returns at once;
 *     {@link #stop()} fires the shutdown triggers (BEFORE ones may delay it with a Deferred).</li>
 * </ul>
 */
public final class MemoryReactor implements Reactor {
    private static final int MAX_PENDING_ROUNDS = 10_000;

    /** A {@link #listenTCP} call. */
    public record TcpServer(int port, ProtocolFactory factory, int backlog, String interfaceAddress,
            MemoryListeningPort listeningPort) {
    }

    /** A {@link #connectTCP} call. */
    public record TcpClient(String host, int port, ClientFactory factory, Duration timeout,
            InetSocketAddress bindAddress, MemoryConnector connector) {
    }

    /** A {@link #listenSSL} call. */
    public record SslServer(int port, ProtocolFactory factory, TlsOptions tls, int backlog, String interfaceAddress,
            MemoryListeningPort listeningPort) {
    }

    /** A {@link #connectSSL} call. */
    public record SslClient(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout,
            InetSocketAddress bindAddress, MemoryConnector connector) {
    }

    /** A {@link #listenUDP} call; {@code options} is {@link UdpOptions#DEFAULT} when none were given. */
    public record UdpPort(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            UdpOptions options, MemoryDatagramTransport transport) {
    }

    /** A {@link #listenUNIX} call. */
    public record UnixServer(String path, ProtocolFactory factory, int backlog, int mode, boolean wantPID,
            MemoryListeningPort listeningPort) {
    }

    /** A {@link #connectUNIX} call. */
    public record UnixClient(String path, ClientFactory factory, Duration timeout, boolean checkPID,
            MemoryConnector connector) {
    }

    /** A {@link #listenUNIXDatagram} call. */
    public record UnixDatagram(String path, DatagramProtocol protocol, int maxPacketSize, int mode,
            MemoryDatagramTransport transport) {
    }

    /** A {@link #spawnProcess} call. */
    public record ProcessSpawn(ProcessProtocol protocol, String executable, List<String> args, Map<String, String> env,
            Path path, MemoryProcessTransport transport) {
    }

    /**
     * A system event trigger registered and not removed.
     *
     * @param phase when it runs
     * @param event for which event
     * @param handle what {@link #addSystemEventTrigger} returned
     */
    public record TriggerRegistration(TriggerPhase phase, SystemEvent event, SystemEventTrigger handle) {
    }

    private final TestClock clock = new TestClock();
    private final Queue<Runnable> threadCalls = new ConcurrentLinkedQueue<>();
    private final List<Runnable> whenRunning = new ArrayList<>();
    private final SystemEventTriggers triggers = new SystemEventTriggers();
    private final List<TriggerRegistration> registrations = new ArrayList<>();
    private final List<TcpServer> tcpServers = new ArrayList<>();
    private final List<TcpClient> tcpClients = new ArrayList<>();
    private final List<SslServer> sslServers = new ArrayList<>();
    private final List<SslClient> sslClients = new ArrayList<>();
    private final List<UdpPort> udpPorts = new ArrayList<>();
    private final List<UnixServer> unixServers = new ArrayList<>();
    private final List<UnixClient> unixClients = new ArrayList<>();
    private final List<UnixDatagram> unixDatagrams = new ArrayList<>();
    private final List<ProcessSpawn> processes = new ArrayList<>();
    private final List<SystemEvent> firedEvents = new ArrayList<>();
    private HostResolver resolver;
    private RuntimeException nextListenError;
    private int nextEphemeralPort = 40000;
    private long nextPid = 1000;
    private boolean running;
    private boolean stopped;

    @Override
    public String kind() {
        return "memory";
    }

    // ---------------------------------------------------------------- time

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable action) {
        return clock.callLater(delay, action);
    }

    /** Runs the queued {@link #callFromThread} calls, then moves time forward by {@code amount}. */
    public void advance(Duration amount) {
        runPending();
        clock.advance(amount);
        runPending();
    }

    /** Advances by each amount in turn. */
    public void pump(Duration... amounts) {
        for (Duration amount : amounts) {
            advance(amount);
        }
    }

    /** Runs the queued {@link #callFromThread} calls (and any they queue). */
    public void runPending() {
        for (int round = 0; round < MAX_PENDING_ROUNDS; round++) {
            Runnable call = threadCalls.poll();
            if (call == null) {
                return;
            }
            call.run();
        }
        throw new IllegalStateException("callFromThread calls keep queueing more calls");
    }

    /** The embedded clock. */
    public TestClock clock() {
        return clock;
    }

    /** The timed calls still scheduled, soonest first. */
    public List<DelayedCall> getDelayedCalls() {
        return clock.getDelayedCalls();
    }

    // ---------------------------------------------------------------- listening and connecting

    /** Makes the next listen call throw {@code error} (a {@code CannotListenError}, say) instead of listening. */
    public void failNextListen(RuntimeException error) {
        nextListenError = error;
    }

    private void maybeFailListen() {
        RuntimeException error = nextListenError;
        if (error != null) {
            nextListenError = null;
            throw error;
        }
    }

    private Address tcpAddress(String interfaceAddress, int port) {
        int actual = port == 0 ? nextEphemeralPort++ : port;
        if (interfaceAddress != null && interfaceAddress.contains(":")) {
            return new IPv6Address(SocketType.TCP, interfaceAddress, actual);
        }
        String host = interfaceAddress == null || interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress;
        return new IPv4Address(SocketType.TCP, host, actual);
    }

    private static Address destination(String host, int port) {
        return host.contains(":") ? new IPv6Address(SocketType.TCP, host, port) : new IPv4Address(SocketType.TCP, host, port);
    }

    @Override
    public ListeningPort listenTCP(int port, ProtocolFactory factory, int backlog, String interfaceAddress) {
        maybeFailListen();
        MemoryListeningPort listening = new MemoryListeningPort(tcpAddress(interfaceAddress, port));
        tcpServers.add(new TcpServer(port, factory, backlog, interfaceAddress, listening));
        return listening;
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            InetSocketAddress bindAddress) {
        MemoryConnector connector = new MemoryConnector(destination(host, port), factory);
        tcpClients.add(new TcpClient(host, port, factory, timeout, bindAddress, connector));
        connector.start();
        return connector;
    }

    /** Keeps {@code resolver} for {@link #resolver()}: connections here are recorded, not resolved. */
    @Override
    public HostResolver installResolver(HostResolver resolver) {
        HostResolver before = this.resolver;
        this.resolver = resolver;
        return before;
    }

    /** The resolver installed last, or null for the system's. */
    public HostResolver resolver() {
        return resolver;
    }

    @Override
    public ListeningPort listenSSL(int port, ProtocolFactory factory, TlsOptions tls, int backlog,
            String interfaceAddress) {
        maybeFailListen();
        MemoryListeningPort listening = new MemoryListeningPort(tcpAddress(interfaceAddress, port));
        sslServers.add(new SslServer(port, factory, tls, backlog, interfaceAddress, listening));
        return listening;
    }

    @Override
    public Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout,
            InetSocketAddress bindAddress) {
        MemoryConnector connector = new MemoryConnector(destination(host, port), factory);
        sslClients.add(new SslClient(host, port, factory, tls, timeout, bindAddress, connector));
        connector.start();
        return connector;
    }

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            UdpOptions options) {
        maybeFailListen();
        int actual = port == 0 ? nextEphemeralPort++ : port;
        String host = interfaceAddress == null || interfaceAddress.isEmpty() ? "0.0.0.0" : interfaceAddress;
        Address address = host.contains(":") ? new IPv6Address(SocketType.UDP, host, actual)
                : new IPv4Address(SocketType.UDP, host, actual);
        MemoryDatagramTransport transport = new MemoryDatagramTransport(address);
        udpPorts.add(new UdpPort(port, protocol, interfaceAddress, maxPacketSize, options, transport));
        protocol.makeConnection(transport);
        return datagramPort(transport);
    }

    private static ListeningPort datagramPort(MemoryDatagramTransport transport) {
        return new ListeningPort() {
            @Override
            public Deferred<Void> stopListening() {
                return transport.stopListening();
            }

            @Override
            public Address getHost() {
                return transport.getHost();
            }
        };
    }

    @Override
    public ListeningPort listenUNIX(String path, ProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        maybeFailListen();
        MemoryListeningPort listening = new MemoryListeningPort(new UNIXAddress(path));
        unixServers.add(new UnixServer(path, factory, backlog, mode, wantPID, listening));
        return listening;
    }

    @Override
    public Connector connectUNIX(String path, ClientFactory factory, Duration timeout, boolean checkPID) {
        MemoryConnector connector = new MemoryConnector(new UNIXAddress(path), factory);
        unixClients.add(new UnixClient(path, factory, timeout, checkPID, connector));
        connector.start();
        return connector;
    }

    @Override
    public ListeningPort listenUNIXDatagram(String path, DatagramProtocol protocol, int maxPacketSize, int mode) {
        maybeFailListen();
        MemoryDatagramTransport transport = new MemoryDatagramTransport(new UNIXAddress(path));
        unixDatagrams.add(new UnixDatagram(path, protocol, maxPacketSize, mode, transport));
        protocol.makeConnection(transport);
        return datagramPort(transport);
    }

    @Override
    public ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            Map<String, String> env, Path path) {
        MemoryProcessTransport transport = new MemoryProcessTransport(nextPid++);
        processes.add(new ProcessSpawn(protocol, executable, List.copyOf(args), env, path, transport));
        protocol.makeConnection(transport);
        return transport;
    }

    // ---------------------------------------------------------------- threads

    /** Queues {@code action}; it runs on {@link #advance} or {@link #runPending()}. Safe from any thread. */
    @Override
    public void callFromThread(Runnable action) {
        threadCalls.add(action);
    }

    /** Runs {@code work} at once and returns a Deferred already fired with its result or failure. */
    @Override
    public <T> Deferred<T> deferToThread(Callable<T> work) {
        try {
            return Deferred.succeed(work.call());
        } catch (Exception e) {
            return Deferred.fail(e);
        }
    }

    /**
     * Runs {@code work} at once; the Deferred it returns must already have fired (a memory reactor
     * cannot wait), and its result is returned or its failure thrown.
     */
    @Override
    public <T> T blockingCallFromThreadDeferred(Callable<? extends Deferred<? extends T>> work) throws Exception {
        Deferred<? extends T> deferred = work.call();
        List<T> outcome = new ArrayList<>(1);
        Failure[] failure = new Failure[1];
        boolean[] fired = {false};
        deferred.addBoth((value, error) -> {
            fired[0] = true;
            outcome.add(value);
            failure[0] = error;
            return null;
        });
        if (!fired[0]) {
            throw new IllegalStateException("the Deferred has not fired, and a MemoryReactor cannot wait for it");
        }
        if (failure[0] != null) {
            Throwable cause = failure[0].value();
            if (cause instanceof Exception e) {
                throw e;
            }
            throw (Error) cause;
        }
        return outcome.get(0);
    }

    // ---------------------------------------------------------------- life cycle

    /** Marks the reactor running, fires the startup triggers and the {@link #callWhenRunning} actions, and returns. */
    @Override
    public void run() {
        if (running) {
            throw new ReactorAlreadyRunning("the memory reactor is already running");
        }
        running = true;
        triggers.fire(SystemEvent.STARTUP, () -> {
            List<Runnable> actions = new ArrayList<>(whenRunning);
            whenRunning.clear();
            actions.forEach(Runnable::run);
            return null;
        }).addCallback(done -> firedEvents.add(SystemEvent.STARTUP));
    }

    /** Fires the shutdown triggers; the reactor has stopped once their BEFORE Deferreds have fired. */
    @Override
    public void stop() {
        if (!running) {
            throw new ReactorNotRunning("the memory reactor is not running");
        }
        running = false;
        triggers.fire(SystemEvent.SHUTDOWN, null).addCallback(done -> {
            stopped = true;
            return firedEvents.add(SystemEvent.SHUTDOWN);
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether {@link #stop()} has completed (its BEFORE triggers' Deferreds have all fired). */
    public boolean hasStopped() {
        return stopped;
    }

    @Override
    public void callWhenRunning(Runnable action) {
        if (running) {
            action.run();
        } else {
            whenRunning.add(action);
        }
    }

    @Override
    public SystemEventTrigger addSystemEventTrigger(TriggerPhase phase, SystemEvent event,
            Supplier<? extends Deferred<?>> trigger) {
        SystemEventTrigger handle = triggers.add(phase, event, trigger);
        registrations.add(new TriggerRegistration(phase, event, handle));
        return handle;
    }

    @Override
    public void removeSystemEventTrigger(SystemEventTrigger handle) {
        triggers.remove(handle);
        registrations.removeIf(registration -> registration.handle() == handle);
    }

    // ---------------------------------------------------------------- what was recorded

    /** The {@link #listenTCP} calls, in order. */
    public List<TcpServer> tcpServers() {
        return List.copyOf(tcpServers);
    }

    /** The {@link #connectTCP} calls, in order. */
    public List<TcpClient> tcpClients() {
        return List.copyOf(tcpClients);
    }

    /** The {@link #listenSSL} calls, in order. */
    public List<SslServer> sslServers() {
        return List.copyOf(sslServers);
    }

    /** The {@link #connectSSL} calls, in order. */
    public List<SslClient> sslClients() {
        return List.copyOf(sslClients);
    }

    /** The {@link #listenUDP} calls, in order. */
    public List<UdpPort> udpPorts() {
        return List.copyOf(udpPorts);
    }

    /** The {@link #listenUNIX} calls, in order. */
    public List<UnixServer> unixServers() {
        return List.copyOf(unixServers);
    }

    /** The {@link #connectUNIX} calls, in order. */
    public List<UnixClient> unixClients() {
        return List.copyOf(unixClients);
    }

    /** The {@link #listenUNIXDatagram} calls, in order. */
    public List<UnixDatagram> unixDatagrams() {
        return List.copyOf(unixDatagrams);
    }

    /** The {@link #spawnProcess} calls, in order. */
    public List<ProcessSpawn> processes() {
        return List.copyOf(processes);
    }

    /** The system event triggers registered now, in order. */
    public List<TriggerRegistration> triggers() {
        return List.copyOf(registrations);
    }

    /** The system events fired so far, in order (an event counts once all its triggers have run). */
    public List<SystemEvent> firedEvents() {
        return List.copyOf(firedEvents);
    }
}
