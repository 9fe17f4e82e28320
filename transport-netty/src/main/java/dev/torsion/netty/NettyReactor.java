package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.ConnectionDeadlines;
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
import dev.torsion.internet.ReusePortListener;
import dev.torsion.internet.ShutdownTimeout;
import dev.torsion.internet.SocketType;
import dev.torsion.internet.SystemEvent;
import dev.torsion.internet.SystemEventTrigger;
import dev.torsion.internet.SystemEventTriggers;
import dev.torsion.internet.Transport;
import dev.torsion.internet.TriggerPhase;
import dev.torsion.internet.UdpOptions;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.error.ReactorAlreadyRunning;
import dev.torsion.internet.error.ReactorNotRunning;
import dev.torsion.netty.process.ChildProcess;
import dev.torsion.time.DelayedCall;
import dev.torsion.tls.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Torsion's reactor on Netty: one event-loop thread (epoll, kqueue, io_uring or NIO) that runs every
 * protocol callback, timed call and I/O-fired Deferred. Netty is never visible to protocol code.
 *
 * <pre>{@code
 * NettyReactor reactor = NettyReactor.create();          // epoll on Linux, kqueue on macOS, else NIO
 * reactor.listenTCP(8000, address -> new Echo());
 * reactor.run();                                          // until stop()
 * }</pre>
 *
 * <p>The loop thread starts with the reactor, so listening and connecting work before {@link #run()};
 * {@link #run()} fires the startup triggers and the {@link #callWhenRunning} actions and blocks the
 * calling thread until {@link #stop()}. A reactor runs once; make a new one to run again. To use
 * several cores, run several reactors that listen on one port with
 * {@link TcpOptions#withReusePort SO_REUSEPORT}.
 */
public final class NettyReactor implements Reactor, ReusePortListener, ShutdownTimeout, ConnectionDeadlines, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettyReactor.class);
    private static final AtomicInteger REACTOR_IDS = new AtomicInteger();
    /** As Twisted's default thread pool. */
    private static final int DEFAULT_THREAD_POOL_SIZE = 10;

    private final EventLoopKind kind;
    private final MultiThreadIoEventLoopGroup group;
    private final EventLoop loop;
    /** The read a {@code BufferProtocol} is reading on this reactor's loop right now, or null. */
    private LentRead lentRead;
    private final ThreadPoolExecutor threadPool;
    private final SystemEventTriggers triggers = new SystemEventTriggers();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final List<Runnable> whenRunning = new ArrayList<>();

    // Touched on the loop thread only.
    private final Set<StreamConnection> connections = new HashSet<>();
    private final Set<ListeningPort> ports = new HashSet<>();
    private Deferred<Void> allConnectionsClosed;

    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean finished;
    private volatile Duration shutdownTimeout = Duration.ofSeconds(30);
    private volatile boolean handleSignals;
    private volatile Duration closeTimeout = Transport.DEFAULT_CLOSE_TIMEOUT;
    private volatile Duration sendTimeout = Transport.DEFAULT_SEND_TIMEOUT;
    /** Resolves host names of new connections; null: the JDK's lookup on the thread pool. */
    private volatile HostResolver hostResolver;
    private Thread shutdownHook;

    private NettyReactor(EventLoopKind kind) {
        this.kind = kind;
        int id = REACTOR_IDS.incrementAndGet();
        this.group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("torsion-reactor-" + id, false), kind.ioHandlerFactory());
        this.loop = group.next();
        this.threadPool = new ThreadPoolExecutor(DEFAULT_THREAD_POOL_SIZE, DEFAULT_THREAD_POOL_SIZE, 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), new DefaultThreadFactory("torsion-pool-" + id, true));
        this.threadPool.allowCoreThreadTimeOut(true);
    }

    /** A reactor on the best loop for this machine: epoll on Linux, kqueue on BSD and macOS, NIO elsewhere. */
    public static NettyReactor create() {
        return new NettyReactor(EventLoopKind.best());
    }

    /**
     * A reactor on the named loop: {@code epoll}, {@code kqueue}, {@code io_uring} or {@code nio}.
     * Throws {@link IllegalStateException} (with Netty's reason as the cause) when that loop cannot
     * run here, and {@link IllegalArgumentException} for an unknown name.
     */
    public static NettyReactor create(String kindName) {
        EventLoopKind kind = EventLoopKind.named(kindName);
        Throwable cause = kind.unavailabilityCause();
        if (cause != null) {
            throw new IllegalStateException("the " + kind.label() + " event loop is not available here: "
                    + cause.getMessage(), cause);
        }
        return new NettyReactor(kind);
    }

    @Override
    public String kind() {
        return kind.label();
    }

    /** Sets how many threads {@link #deferToThread} may use at once (default 10). */
    public NettyReactor setThreadPoolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("thread pool size must be at least 1: " + size);
        }
        if (size >= threadPool.getCorePoolSize()) {
            threadPool.setMaximumPoolSize(size);
            threadPool.setCorePoolSize(size);
        } else {
            threadPool.setCorePoolSize(size);
            threadPool.setMaximumPoolSize(size);
        }
        return this;
    }

    /** Sets how long {@link #stop()} waits for shutdown triggers and connections to close (default 30 s). */
    @Override
    public NettyReactor setShutdownTimeout(Duration timeout) {
        this.shutdownTimeout = timeout;
        return this;
    }

    /**
     * Sets the close timeout of this reactor's stream connections made from now on (default 15 s,
     * {@link Transport#DEFAULT_CLOSE_TIMEOUT}): how long {@code loseConnection()} waits for the peer
     * to take the pending output before aborting. Null or zero: no deadline. A protocol changes its
     * own connection's with {@link Transport#setCloseTimeout}.
     */
    @Override
    public NettyReactor setCloseTimeout(Duration timeout) {
        this.closeTimeout = timeout;
        return this;
    }

    /**
     * Sets the send timeout of this reactor's stream connections made from now on (default 60 s,
     * {@link Transport#DEFAULT_SEND_TIMEOUT}): how long pending output may make no progress at all
     * before the connection is aborted. Null or zero: no deadline. A protocol changes its own
     * connection's with {@link Transport#setSendTimeout}.
     */
    @Override
    public NettyReactor setSendTimeout(Duration timeout) {
        this.sendTimeout = timeout;
        return this;
    }

    /** The close timeout new connections start with. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The send timeout new connections start with. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /**
     * With {@code true}, SIGINT and SIGTERM (through a JVM shutdown hook) stop the reactor cleanly
     * while it runs: triggers run and connections close before the JVM exits.
     */
    public NettyReactor setHandleSignals(boolean on) {
        this.handleSignals = on;
        return this;
    }

    // ================================================================== time and threads

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public DelayedCall callLater(Duration delay, Runnable action) {
        return new NettyDelayedCall(loop, action).schedule(delay.toNanos());
    }

    @Override
    public void callFromThread(Runnable action) {
        loop.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                log.error("Unhandled error in callFromThread action {}", action, e);
            }
        });
    }

    @Override
    public <T> Deferred<T> deferToThread(Callable<T> work) {
        Deferred<T> result = new Deferred<>();
        threadPool.execute(() -> {
            T value;
            try {
                value = work.call();
            } catch (Throwable e) {
                callFromThread(() -> result.errback(e));
                return;
            }
            callFromThread(() -> result.callback(value));
        });
        return result;
    }

    @Override
    public <T> T blockingCallFromThreadDeferred(Callable<? extends Deferred<? extends T>> work) throws Exception {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("blockingCallFromThread called on the reactor thread: it would deadlock");
        }
        CompletableFuture<T> outcome = new CompletableFuture<>();
        loop.execute(() -> Deferred.<T>maybeDeferredDeferred(work).addCallbacks(value -> {
            outcome.complete(value);
            return null;
        }, failure -> {
            outcome.completeExceptionally(failure.value());
            return null;
        }));
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    // ================================================================== TCP

    @Override
    public ListeningPort listenTCP(int port, ProtocolFactory factory, int backlog, String interfaceAddress) {
        return listenTCP(port, factory, backlog, interfaceAddress, TcpOptions.DEFAULT);
    }

    /**
     * Listens for TCP connections with explicit socket options. An empty {@code interfaceAddress}
     * binds every IPv4 and IPv6 interface (one dual-stack socket where the system has IPv6); its
     * {@code getHost()} then reports {@code 0.0.0.0} and the port, as Twisted's does.
     */
    public ListeningPort listenTCP(int port, ProtocolFactory factory, int backlog, String interfaceAddress,
            TcpOptions options) {
        return listenStream(port, factory, backlog, interfaceAddress, options, channel -> null);
    }

    @Override
    public ListeningPort listenTCPReusingPort(int port, ProtocolFactory factory, int backlog, String interfaceAddress) {
        return listenTCP(port, factory, backlog, interfaceAddress, TcpOptions.DEFAULT.withReusePort(true));
    }

    @Override
    public Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            InetSocketAddress bindAddress) {
        return connectTCP(host, port, factory, timeout, bindAddress, TcpOptions.DEFAULT);
    }

    /** Connects over TCP with explicit socket options. */
    public Connector connectTCP(String host, int port, ClientFactory factory, Duration timeout,
            InetSocketAddress bindAddress, TcpOptions options) {
        return connectStream(host, port, factory, timeout, bindAddress, options, null);
    }

    // ================================================================== TLS

    @Override
    public ListeningPort listenSSL(int port, ProtocolFactory factory, TlsOptions tls, int backlog,
            String interfaceAddress) {
        return listenSSL(port, factory, tls, Map.of(), backlog, interfaceAddress, TcpOptions.DEFAULT);
    }

    /**
     * Listens for TLS connections, choosing the server's options by the name the client asks for
     * (SNI): {@code byHostname} maps host names (exact, or {@code *.example.org}) to options, and
     * {@code tls} serves clients that send no name or an unknown one.
     */
    public ListeningPort listenSSL(int port, ProtocolFactory factory, TlsOptions tls,
            Map<String, TlsOptions> byHostname, int backlog, String interfaceAddress, TcpOptions options) {
        if (tls.isClient()) {
            throw new IllegalArgumentException("listenSSL needs server TLS options, got a client's");
        }
        Function<Channel, ChannelHandler> tlsHandler = byHostname.isEmpty()
                ? channel -> new SslHandler(tls.createEngine(null, -1))
                : channel -> new SniTlsHandler(tls, byHostname);
        return listenStream(port, factory, backlog, interfaceAddress, options, tlsHandler);
    }

    @Override
    public Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout,
            InetSocketAddress bindAddress) {
        return connectSSL(host, port, factory, tls, timeout, bindAddress, TcpOptions.DEFAULT);
    }

    /** Connects over TLS with explicit socket options. */
    public Connector connectSSL(String host, int port, ClientFactory factory, TlsOptions tls, Duration timeout,
            InetSocketAddress bindAddress, TcpOptions options) {
        if (!tls.isClient()) {
            throw new IllegalArgumentException("connectSSL needs client TLS options, got a server's");
        }
        return connectStream(host, port, factory, timeout, bindAddress, options, tls);
    }

    // ================================================================== stream plumbing

    /**
     * Unwritten output above which an accepted connection stops reading (and below which it reads
     * again). Above Netty's 64/32 KiB: each crossing costs two {@code epoll_ctl} calls and a stalled
     * read, which held a bulk echo to half of raw Netty's throughput; 256 KiB still bounds what a
     * peer that does not read can make the server hold.
     */
    private static final WriteBufferWaterMark ACCEPTED_WATER_MARK = new WriteBufferWaterMark(128 * 1024, 256 * 1024);

    private ListeningPort listenStream(int port, ProtocolFactory factory, int backlog, String interfaceAddress,
            TcpOptions options, Function<Channel, ChannelHandler> tlsHandler) {
        InetSocketAddress address = interfaceAddress == null || interfaceAddress.isEmpty()
                ? new InetSocketAddress(port)
                : new InetSocketAddress(interfaceAddress, port);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(kind.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, backlog)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, options.noDelay())
                .childOption(ChannelOption.SO_KEEPALIVE, options.keepAlive())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, ACCEPTED_WATER_MARK)
                .childHandler(serverPipeline(factory, tlsHandler));
        if (options.reusePort()) {
            applyReusePort(bootstrap);
        }
        factory.startFactory();
        Channel channel;
        try {
            channel = bind(bootstrap, address, "TCP port " + port + " on '" + interfaceAddress + "'");
        } catch (CannotListenError e) {
            factory.stopFactory();
            throw e;
        }
        NettyListeningPort listening = address.getAddress().isAnyLocalAddress()
                ? new NettyListeningPort(this, channel, factory, null, new IPv4Address(SocketType.TCP, "0.0.0.0",
                        ((InetSocketAddress) channel.localAddress()).getPort()))
                : new NettyListeningPort(this, channel, factory, null);
        onLoop(() -> ports.add(listening));
        return listening;
    }

    private void applyReusePort(ServerBootstrap bootstrap) {
        ChannelOption<Boolean> reusePort = kind.reusePortOption();
        if (reusePort != null) {
            bootstrap.option(reusePort, true);
        } else {
            bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
        }
    }

    /** The child pipeline of a stream listener: optional TLS, then the connection. */
    ChannelInitializer<Channel> serverPipeline(ProtocolFactory factory, Function<Channel, ChannelHandler> tlsHandler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                ChannelHandler tls = tlsHandler.apply(channel);
                if (tls != null) {
                    channel.pipeline().addLast(RenegotiationRefusal.NAME, new RenegotiationRefusal());
                    channel.pipeline().addLast("tls", tls);
                }
                channel.pipeline().addLast("torsion", new StreamConnection(NettyReactor.this, factory, null, null));
            }
        };
    }

    /**
     * Registers and binds a server channel. On the loop thread both steps complete at once (Netty
     * runs them inline there), so a listen call made from a protocol callback is synchronous too.
     */
    Channel bind(ServerBootstrap bootstrap, SocketAddress address, String what) {
        ChannelFuture registered = bootstrap.register();
        await(registered);
        if (!registered.isSuccess()) {
            throw new CannotListenError("cannot listen on " + what + ": " + registered.cause().getMessage(),
                    registered.cause());
        }
        Channel channel = registered.channel();
        ChannelFuture bound = channel.bind(address);
        await(bound);
        if (!bound.isSuccess()) {
            channel.close();
            throw new CannotListenError("cannot listen on " + what + ": " + bound.cause().getMessage(),
                    bound.cause());
        }
        return channel;
    }

    /** Waits for {@code future} unless on the loop thread, where it is already done. */
    void await(ChannelFuture future) {
        if (!loop.inEventLoop()) {
            future.awaitUninterruptibly();
        } else if (!future.isDone()) {
            throw new IllegalStateException("operation did not complete inline on the reactor thread");
        }
    }

    private Connector connectStream(String host, int port, ClientFactory factory, Duration timeout,
            InetSocketAddress bindAddress, TcpOptions options, TlsOptions tls) {
        boolean literal = NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host);
        var destination = NetUtil.isValidIpV6Address(host)
                ? new IPv6Address(SocketType.TCP, host, port)
                : new IPv4Address(SocketType.TCP, host, port);
        HostResolver installed = hostResolver;
        Supplier<Deferred<SocketAddress>> resolver = () -> {
            if (literal) {
                return Deferred.succeed(new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port));
            }
            if (installed != null) {
                return installed.getHostByName(host).addCallback(address -> socketAddress(host, address, port));
            }
            // Name lookups block: run them on the thread pool, never on the loop.
            return deferToThread(() -> (SocketAddress) new InetSocketAddress(lookup(host), port));
        };
        ChannelOption<Boolean> reusePort = kind.reusePortOption();
        NettyConnector connector = new NettyConnector(this, destination, resolver,
                () -> newChannel(kind.socketChannel()),
                bootstrap -> {
                    bootstrap.option(ChannelOption.TCP_NODELAY, options.noDelay())
                            .option(ChannelOption.SO_KEEPALIVE, options.keepAlive());
                    if (options.reusePort() && reusePort != null) {
                        bootstrap.option(reusePort, true);
                    }
                },
                tls, host, port, timeout, bindAddress, factory);
        connector.connect();
        return connector;
    }

    /** The installed resolver's answer for {@code host}, which must be an address literal. */
    private static SocketAddress socketAddress(String host, String address, int port) throws UnknownHostException {
        InetAddress resolved = NetUtil.createInetAddressFromIpAddressString(address);
        if (resolved == null) {
            throw new UnknownHostException(host + ": the installed resolver answered \"" + address + "\", not an address");
        }
        return new InetSocketAddress(resolved, port);
    }

    @Override
    public HostResolver installResolver(HostResolver resolver) {
        HostResolver before = hostResolver;
        hostResolver = resolver;
        return before;
    }

    private static InetAddress lookup(String host) throws UnknownHostException {
        return InetAddress.getByName(host);
    }

    static <C extends Channel> C newChannel(Class<C> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }

    /**
     * Listens on a stream socket this process inherited already bound and listening (systemd
     * socket activation): {@code fd} is its file descriptor, {@code unix} says whether it is a UNIX
     * socket rather than TCP. Needs the epoll loop, the only one that can adopt a descriptor.
     */
    public ListeningPort adoptListeningSocket(int fd, boolean unix, ProtocolFactory factory) {
        if (kind != EventLoopKind.EPOLL) {
            throw new CannotListenError("adopting inherited socket " + fd + " needs the epoll loop; this reactor runs "
                    + kind());
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channelFactory(() -> unix ? new EpollServerDomainSocketChannel(fd) : new EpollServerSocketChannel(fd))
                .childHandler(serverPipeline(factory, channel -> null));
        if (!unix) {
            bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
        }
        factory.startFactory();
        ChannelFuture registered;
        try {
            registered = bootstrap.register();
        } catch (RuntimeException e) {
            factory.stopFactory();
            throw new CannotListenError("cannot adopt inherited socket " + fd + ": " + e.getMessage(), e);
        }
        await(registered);
        if (!registered.isSuccess()) {
            factory.stopFactory();
            throw new CannotListenError("cannot adopt inherited socket " + fd + ": "
                    + registered.cause().getMessage(), registered.cause());
        }
        NettyListeningPort listening = new NettyListeningPort(this, registered.channel(), factory, null);
        onLoop(() -> ports.add(listening));
        return listening;
    }

    // ================================================================== UDP, UNIX, processes

    @Override
    public ListeningPort listenUDP(int port, DatagramProtocol protocol, String interfaceAddress, int maxPacketSize,
            UdpOptions options) {
        Objects.requireNonNull(options, "options");
        return new DatagramPort(this, protocol, maxPacketSize, false).bindUdp(port, interfaceAddress, options);
    }

    @Override
    public ListeningPort listenUNIX(String path, ProtocolFactory factory, int backlog, int mode, boolean wantPID) {
        return new UnixSockets(this).listen(path, factory, backlog, mode, wantPID);
    }

    @Override
    public Connector connectUNIX(String path, ClientFactory factory, Duration timeout, boolean checkPID) {
        return new UnixSockets(this).connect(path, factory, timeout, checkPID);
    }

    @Override
    public ListeningPort listenUNIXDatagram(String path, DatagramProtocol protocol, int maxPacketSize, int mode) {
        return new UnixSockets(this).listenDatagram(path, protocol, maxPacketSize, mode);
    }

    @Override
    public ProcessTransport spawnProcess(ProcessProtocol protocol, String executable, List<String> args,
            Map<String, String> env, Path path) {
        return ChildProcess.spawn(this::callFromThread, protocol, executable, args, env, path);
    }

    // ================================================================== life cycle

    @Override
    public void run() {
        synchronized (this) {
            if (running) {
                throw new ReactorAlreadyRunning("the reactor is already running");
            }
            if (finished || stopping) {
                throw new IllegalStateException("a reactor runs once; create a new one");
            }
            running = true;
        }
        if (handleSignals) {
            shutdownHook = new Thread(this::stopFromShutdownHook, "torsion-shutdown-" + kind());
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        loop.execute(this::startUp);
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            removeShutdownHook();
        }
    }

    private void startUp() {
        triggers.fire(SystemEvent.STARTUP, null).addCallback(ignored -> {
            List<Runnable> actions;
            synchronized (this) {
                actions = new ArrayList<>(whenRunning);
                whenRunning.clear();
            }
            for (Runnable action : actions) {
                runGuarded(action, "callWhenRunning");
            }
            return null;
        });
    }

    private void stopFromShutdownHook() {
        if (isRunning()) {
            log.info("Received a shutdown signal: stopping the reactor");
            stop();
            try {
                terminated.await(shutdownTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or ran.
            }
        }
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (!running || stopping) {
                throw new ReactorNotRunning("can't stop a reactor that isn't running");
            }
            stopping = true;
        }
        loop.execute(this::shutDown);
    }

    private void shutDown() {
        DelayedCall limit = callLater(shutdownTimeout, () -> {
            log.warn("Shutdown took longer than {}: stopping the loop anyway", shutdownTimeout);
            finish();
        });
        triggers.fire(SystemEvent.SHUTDOWN, this::closeEverything).addCallback(ignored -> {
            if (limit.active()) {
                limit.cancel();
            }
            finish();
            return null;
        });
    }

    /** Stops every listener, then closes every connection; fires once all connections are gone. */
    private Deferred<Void> closeEverything() {
        for (ListeningPort port : new ArrayList<>(ports)) {
            port.stopListening();
        }
        ports.clear();
        allConnectionsClosed = new Deferred<>();
        if (connections.isEmpty()) {
            allConnectionsClosed.callback(null);
            return allConnectionsClosed;
        }
        for (StreamConnection connection : new ArrayList<>(connections)) {
            connection.loseConnection();
        }
        // Connections that cannot flush in time (a peer that stopped reading) are aborted.
        Duration grace = shutdownTimeout.dividedBy(2);
        callLater(grace, () -> {
            for (StreamConnection connection : new ArrayList<>(connections)) {
                connection.abortConnection();
            }
        });
        return allConnectionsClosed;
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        running = false;
        threadPool.shutdown();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> terminated.countDown());
    }

    @Override
    public boolean isRunning() {
        return running && !stopping;
    }

    @Override
    public void callWhenRunning(Runnable action) {
        synchronized (this) {
            if (!running) {
                whenRunning.add(action);
                return;
            }
        }
        loop.execute(() -> runGuarded(action, "callWhenRunning"));
    }

    @Override
    public SystemEventTrigger addSystemEventTrigger(TriggerPhase phase, SystemEvent event,
            Supplier<? extends Deferred<?>> trigger) {
        if (loop.inEventLoop()) {
            return triggers.add(phase, event, trigger);
        }
        CompletableFuture<SystemEventTrigger> handle = new CompletableFuture<>();
        loop.execute(() -> handle.complete(triggers.add(phase, event, trigger)));
        return handle.join();
    }

    @Override
    public void removeSystemEventTrigger(SystemEventTrigger handle) {
        onLoop(() -> triggers.remove(handle));
    }

    /**
     * Releases everything at once: stops the reactor if it runs (waiting for it, unless called on
     * the loop thread), else shuts the loop and the thread pool down. For tests and embedders that
     * never call {@link #run()}.
     */
    @Override
    public void close() {
        if (isRunning()) {
            stop();
        } else if (!running) {
            synchronized (this) {
                stopping = true;
            }
            loop.execute(this::shutDown);
        }
        if (!loop.inEventLoop()) {
            try {
                terminated.await(shutdownTimeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ================================================================== package-private plumbing

    /** The reactor's single event loop. */
    EventLoop eventLoop() {
        return loop;
    }

    /** Which loop implementation runs underneath. */
    EventLoopKind loopKind() {
        return kind;
    }

    /** Runs {@code action} on the loop thread: at once when already there. */
    void onLoop(Runnable action) {
        if (loop.inEventLoop()) {
            action.run();
        } else {
            loop.execute(action);
        }
    }

    void track(StreamConnection connection) {
        connections.add(connection);
    }

    void untrack(StreamConnection connection) {
        connections.remove(connection);
        if (connections.isEmpty() && allConnectionsClosed != null && !allConnectionsClosed.isCalled()) {
            allConnectionsClosed.callback(null);
        }
    }

    void trackPort(ListeningPort port) {
        onLoop(() -> ports.add(port));
    }

    void untrack(ListeningPort port) {
        ports.remove(port);
    }

    /** A new bootstrap for a client channel of this reactor's loop. */
    Bootstrap clientBootstrap() {
        return new Bootstrap().group(loop);
    }

    /** The server channel class of this loop kind, for listeners built elsewhere in the package. */
    Class<? extends ServerChannel> serverSocketChannelType() {
        return kind.serverSocketChannel();
    }

    private static void runGuarded(Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            log.error("Unhandled error in {} action {}", what, action, e);
        }
    }

    /** The read lent to a {@code BufferProtocol} on this loop right now, or null (loop thread only). */
    LentRead lentRead() {
        return lentRead;
    }

    /** Makes {@code read} (or null) the read under way on this loop; returns the one it replaces. */
    LentRead swapLentRead(LentRead read) {
        LentRead outer = lentRead;
        lentRead = read;
        return outer;
    }

    @Override
    public String toString() {
        return "NettyReactor(" + kind() + (isRunning() ? ", running" : "") + ")";
    }
}
