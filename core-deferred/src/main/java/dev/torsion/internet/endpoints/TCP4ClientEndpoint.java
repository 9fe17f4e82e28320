package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects over TCP: Twisted's {@code TCP4ClientEndpoint}, and what
 * {@code tcp:host=HOST:port=PORT[:timeout=SECONDS][:bindAddress=ADDRESS]} makes. The host may be a
 * name (the reactor resolves it) or an address.
 */
public final class TCP4ClientEndpoint implements ClientEndpoint {
    private final Reactor reactor;
    private final String host;
    private final int port;
    private final Duration timeout;
    private final InetSocketAddress bindAddress;

    /** Connects to {@code host:port}, giving up after {@code timeout}, from {@code bindAddress} (null: any). */
    public TCP4ClientEndpoint(Reactor reactor, String host, int port, Duration timeout, InetSocketAddress bindAddress) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.bindAddress = bindAddress;
    }

    /** Connects to {@code host:port} with the default timeout. */
    public TCP4ClientEndpoint(Reactor reactor, String host, int port) {
        this(reactor, host, port, Reactor.DEFAULT_CONNECT_TIMEOUT, null);
    }

    @Override
    public Deferred<Protocol> connect(ProtocolFactory factory) {
        ConnectingFactory connecting = new ConnectingFactory(factory);
        try {
            reactor.connectTCP(host, port, connecting, timeout, bindAddress);
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
        return connecting.deferred();
    }

    /** The host connected to. */
    public String host() {
        return host;
    }

    /** The port connected to. */
    public int port() {
        return port;
    }

    /** How long an attempt may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The local address to connect from, or null. */
    public InetSocketAddress bindAddress() {
        return bindAddress;
    }

    @Override
    public String toString() {
        return "TCP4ClientEndpoint(" + host + ":" + port + ")";
    }
}
