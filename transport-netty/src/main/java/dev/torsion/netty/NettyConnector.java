package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.UserCancelledConnect;
import dev.torsion.tls.TlsOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslHandler;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outgoing stream connection (TCP or UNIX, clear or TLS) and its attempts: Twisted's
 * {@code Connector}. Every state change happens on the reactor thread.
 */
final class NettyConnector implements Connector {
    private static final Logger log = LoggerFactory.getLogger(NettyConnector.class);

    private enum State { DISCONNECTED, CONNECTING, CONNECTED }

    private final NettyReactor reactor;
    private final Address destination;
    private final Supplier<Deferred<SocketAddress>> resolver;
    private final Supplier<Channel> channelFactory;
    private final Consumer<Bootstrap> options;
    private final TlsOptions tls;
    private final String tlsPeerHost;
    private final int tlsPeerPort;
    private final Duration timeout;
    private final SocketAddress bindAddress;
    private final ClientFactory factory;

    private State state = State.DISCONNECTED;
    private Deferred<SocketAddress> resolving;
    private ChannelFuture connecting;
    private StreamConnection connection;
    private boolean cancelled;

    NettyConnector(NettyReactor reactor, Address destination, Supplier<Deferred<SocketAddress>> resolver,
            Supplier<Channel> channelFactory, Consumer<Bootstrap> options, TlsOptions tls, String tlsPeerHost,
            int tlsPeerPort, Duration timeout, SocketAddress bindAddress, ClientFactory factory) {
        this.reactor = reactor;
        this.destination = destination;
        this.resolver = resolver;
        this.channelFactory = channelFactory;
        this.options = options;
        this.tls = tls;
        this.tlsPeerHost = tlsPeerHost;
        this.tlsPeerPort = tlsPeerPort;
        this.timeout = timeout;
        this.bindAddress = bindAddress;
        this.factory = factory;
    }

    @Override
    public void connect() {
        reactor.onLoop(this::startAttempt);
    }

    private void startAttempt() {
        if (state != State.DISCONNECTED) {
            throw new IllegalStateException("cannot connect " + this + " in state " + state);
        }
        state = State.CONNECTING;
        cancelled = false;
        factory.startFactory();
        factory.startedConnecting(this);
        if (state != State.CONNECTING) {
            return; // startedConnecting stopped us
        }
        resolving = resolver.get();
        resolving.addCallbacks(address -> {
            resolving = null;
            if (state == State.CONNECTING && !cancelled) {
                connectTo(address);
            }
            return null;
        }, failure -> {
            resolving = null;
            if (state == State.CONNECTING && !cancelled) {
                failed(failure.value());
            }
            return null;
        });
    }

    private void connectTo(SocketAddress address) {
        Bootstrap bootstrap = new Bootstrap()
                .group(reactor.eventLoop())
                .channelFactory(channelFactory::get)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("tls", new SslHandler(tls.createEngine(tlsPeerHost, tlsPeerPort)));
                        }
                        channel.pipeline().addLast("torsion", new StreamConnection(reactor, factory,
                                NettyConnector.this::connected, NettyConnector.this::lost));
                    }
                });
        options.accept(bootstrap);
        connecting = bindAddress == null ? bootstrap.connect(address) : bootstrap.connect(address, bindAddress);
        connecting.addListener(future -> {
            connecting = null;
            if (!future.isSuccess() && state == State.CONNECTING) {
                failed(cancelled ? new UserCancelledConnect("connection attempt stopped") : future.cause());
            }
        });
    }

    private void connected(Protocol protocol) {
        state = State.CONNECTED;
        connection = (StreamConnection) protocol.transport();
    }

    private void lost(Failure reason) {
        if (state == State.CONNECTING) {
            // Closed before connectionMade ran (the factory refused, or TLS failed at once).
            state = State.DISCONNECTED;
            factory.clientConnectionFailed(this, Failure.of(new ConnectError(reason.getErrorMessage(), reason.value())));
            factory.stopFactory();
            return;
        }
        state = State.DISCONNECTED;
        connection = null;
        try {
            factory.clientConnectionLost(this, reason);
        } finally {
            factory.stopFactory();
        }
    }

    private void failed(Throwable cause) {
        state = State.DISCONNECTED;
        ConnectError error = ConnectErrors.classify(cause, destination.toString());
        log.debug("connecting to {} failed: {}", destination, error.toString());
        try {
            factory.clientConnectionFailed(this, Failure.of(error));
        } finally {
            factory.stopFactory();
        }
    }

    @Override
    public void stopConnecting() {
        reactor.onLoop(() -> {
            if (state != State.CONNECTING) {
                throw new IllegalStateException("not connecting: " + state);
            }
            cancelled = true;
            ChannelFuture attempt = connecting;
            if (attempt != null) {
                // Closing fails the attempt, whose listener reports UserCancelledConnect.
                attempt.channel().close();
            } else {
                resolving = null;
                failed(new UserCancelledConnect("connection attempt stopped"));
            }
        });
    }

    @Override
    public void disconnect() {
        reactor.onLoop(() -> {
            if (state == State.CONNECTING) {
                stopConnecting();
            } else if (state == State.CONNECTED && connection != null) {
                connection.loseConnection();
            }
        });
    }

    @Override
    public Address getDestination() {
        return destination;
    }

    @Override
    public String toString() {
        return "Connector(" + destination + ")";
    }
}
