package dev.torsion.internet;

import dev.torsion.defer.Deferred;
import dev.torsion.time.Clock;
import dev.torsion.tls.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The event loop: it waits for I/O and timed events and calls the protocols that handle them.
 * Twisted's reactor, as one interface. {@code dev.torsion.netty.NettyReactor} implements it on
 * Netty's native event loops; {@link dev.torsion.testing.MemoryReactor} records calls for tests.
 *
 * <p>One reactor is one thread. Every protocol callback and timed call runs on it; other threads
 * hand work in with {@link #callFromThread}. The listen and connect methods may be called before
 * {@link #run()} or on the reactor thread.
 */
public interface Reactor extends Clock {
    /**
     * Default listen backlog: the kernel's maximum ({@code /proc/sys/net/core/somaxconn}, 4096 on
     * current Linux), as Netty's default, so a burst of connects is queued rather than dropped.
     * Twisted's 50 (and nginx's 511) are smaller; pass a backlog to choose one.
     */
    int DEFAULT_BACKLOG = SystemBacklog.maximum();
    /** Default connect timeout, as Twisted's. */
    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Which event loop runs underneath: {@code epoll}, {@code kqueue}, {@code io_uring}, {@code nio}, {@code memory}. */
    String kind();

    // ---------------------------------------------------------------- TCP

    /**
     * Listens for TCP connections on {@code port} (0: any free port) of {@code interfaceAddress}
     * (empty: every IPv4 and IPv6 interface). Throws
     * {@link dev.torsion.internet.error.CannotListenError} when the port cannot be bound.
     */
    ListeningPort listenTCP(int port, ProtocolFactory factory, int backlog, String interfaceAddress);

    /** Listens on every interface with the default backlog. */
    default ListeningPort listenTCP(int port, ProtocolFactory factory) {
        return listenTCP(port, factory, DEFAULT_BACKLOG, "");
    }

    /** Connects over TCP; {@code bindAddress} may be null. The factory hears how it goes. */
    Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout, InetSocketAddress bindAddress);

    /** Connects over TCP with the default timeout. */
    default Connector connectTCP(String host, int port, ClientFactory factory) {
        return connectTCP(host, port, factory, DEFAULT_CONNECT_TIMEOUT, null);
    }

    /**
     * Resolves the host names of the connections made from now on (TCP and TLS over TCP) with
     * {@code resolver}, as Twisted's {@code installResolver}; null goes back to the system's
     * resolver. Returns the resolver installed before (null for the system's).
     */
    HostResolver installResolver(HostResolver resolver);

    // ---------------------------------------------------------------- TLS over TCP

    /** Listens for TLS connections over TCP; {@code tls} must be a server's options. */
    ListeningPort listenSSL(int port, ProtocolFactory factory, TlsOptions tls, int backlog, String interfaceAddress);

    /** Connects over TLS; {@code tls} must be a client's options (they name the host to verify). */
    Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout,
            InetSocketAddress bindAddress);

    // ---------------------------------------------------------------- UDP

    /**
     * Binds a UDP socket on {@code port} of {@code interfaceAddress} (empty: any) for one
     * {@link DatagramProtocol}; datagrams longer than {@code maxPacketSize} are truncated.
     */
    default ListeningPort listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize) {
        return listenUDP(port, protocol, interfaceAddress, maxPacketSize, UdpOptions.DEFAULT);
    }

    /**
     * As {@link #listenUDP(int, DatagramProtocol, String, int)}, with the socket options of
     * {@code options}: a server that takes bursts of datagrams asks for a larger receive buffer
     * there ({@link UdpOptions#withReceiveBufferSize}). Options the platform cannot apply in full
     * (a receive buffer above the kernel's cap) are applied as far as it allows, and logged.
     */
    ListeningPort listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            UdpOptions options);

    /** Binds a UDP socket on every interface, for datagrams up to 8192 bytes. */
    default ListeningPort listenUDP(int port, DatagramProtocol protocol) {
        return listenUDP(port, protocol, "", 8192);
    }

    // ---------------------------------------------------------------- UNIX sockets

    /**
     * Listens on a UNIX stream socket at {@code path} with file mode {@code mode} (e.g. 0666).
     * With {@code wantPID} a lock file {@code path.lock} holds the listener's PID, and a socket
     * file left by a dead process is removed first.
     */
    ListeningPort listenUNIX(String path, ProtocolFactory factory, int backlog, int mode, boolean wantPID);

    /** Connects to a UNIX stream socket; with {@code checkPID}, fails at once when no live process holds the lock file. */
    Connector connectUNIX(String path, ClientFactory factory, Duration timeout, boolean checkPID);

    /** Binds a UNIX datagram socket at {@code path} for one protocol. */
    ListeningPort listenUNIXDatagram(String path, DatagramProtocol protocol, int maxPacketSize, int mode);

    // ---------------------------------------------------------------- processes

    /**
     * Starts {@code executable} with {@code args} (the arguments after the program name: unlike
     * Twisted's, this list does not repeat the program as argv[0]), in the environment {@code env}
     * (null: this process's environment) and the working directory {@code path} (null: this
     * process's). The protocol hears the child's stdout and stderr as they arrive.
     */
    ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            Map<String, String> env, Path path);

    // ---------------------------------------------------------------- threads

    /** Runs {@code action} on the reactor thread soon. Safe to call from any thread. */
    void callFromThread(Runnable action);

    /** Runs {@code work} on the reactor's thread pool; the Deferred fires on the reactor thread. */
    <T> Deferred<T> deferToThread(Callable<T> work);

    /**
     * From a thread other than the reactor's: runs {@code work} on the reactor thread, waits for
     * its result and returns it, or throws its exception. As {@link Deferred#maybeDeferred}, a
     * Deferred that an untyped {@code Callable<?>} returns is waited for; work typed to return a
     * Deferred belongs to {@link #blockingCallFromThreadDeferred}.
     */
    default <T> T blockingCallFromThread(Callable<? extends T> work) throws Exception {
        return blockingCallFromThreadDeferred(() -> Deferred.maybeDeferred(work));
    }

    /**
     * From a thread other than the reactor's: runs {@code work} on the reactor thread, waits until
     * the Deferred it returns fires, and returns its result or throws its failure.
     */
    <T> T blockingCallFromThreadDeferred(Callable<? extends Deferred<? extends T>> work) throws Exception;

    // ---------------------------------------------------------------- life cycle

    /** Runs the event loop on the calling thread until {@link #stop()}. */
    void run();

    /**
     * Stops the reactor: runs the shutdown triggers (waiting for the Deferreds of the BEFORE ones),
     * stops listening, closes connections, and makes {@link #run()} return. Safe from any thread.
     * Throws {@link dev.torsion.internet.error.ReactorNotRunning} when it is not running.
     */
    void stop();

    /** Whether {@link #run()} is running and {@link #stop()} has not been called. */
    boolean isRunning();

    /** Runs {@code action} on the reactor thread once the reactor runs (at once if it already does). */
    void callWhenRunning(Runnable action);

    /**
     * Adds a trigger for a system event. A BEFORE trigger may return a Deferred (or null): the
     * event waits until it fires. Returns a handle for {@link #removeSystemEventTrigger}.
     */
    SystemEventTrigger addSystemEventTrigger(TriggerPhase phase, SystemEvent event,
            Supplier<? extends Deferred<?>> trigger);

    /** Removes a trigger added with {@link #addSystemEventTrigger}. */
    void removeSystemEventTrigger(SystemEventTrigger handle);
}
