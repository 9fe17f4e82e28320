package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.SocketType;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;

/** A listening channel (TCP or UNIX stream) as a {@link ListeningPort}. */
final class NettyListeningPort implements ListeningPort {
    private final NettyReactor reactor;
    private final Channel channel;
    private final ProtocolFactory factory;
    private final Address host;
    private final Runnable afterClose;
    private Deferred<Void> stopped;

    NettyListeningPort(NettyReactor reactor, Channel channel, ProtocolFactory factory, Runnable afterClose) {
        this(reactor, channel, factory, afterClose, Addresses.of(channel.localAddress(), SocketType.TCP));
    }

    /** A port that reports {@code host} (the wildcard listener reports the IPv4 form, as Twisted's). */
    NettyListeningPort(NettyReactor reactor, Channel channel, ProtocolFactory factory, Runnable afterClose,
            Address host) {
        this.reactor = reactor;
        this.channel = channel;
        this.factory = factory;
        this.host = host;
        this.afterClose = afterClose;
    }

    @Override
    public Deferred<Void> stopListening() {
        Deferred<Void> result = new Deferred<>();
        reactor.onLoop(() -> {
            if (stopped == null) {
                stopped = new Deferred<>();
                reactor.untrack(this);
                channel.close().addListener(f -> {
                    if (afterClose != null) {
                        afterClose.run();
                    }
                    factory.stopFactory();
                    // The JDK closes a selector-registered socket for real only on the selector's
                    // next pass; a timed task runs after that pass, so once the Deferred fires,
                    // connects are refused rather than reset (for native loops this costs 1 ms).
                    if (channel.eventLoop().isShuttingDown()) {
                        stopped.callback(null);
                    } else {
                        channel.eventLoop().schedule(() -> stopped.callback(null), 1, TimeUnit.MILLISECONDS);
                    }
                });
            }
            stopped.addBoth((v, f) -> {
                result.callback(null);
                return v;
            });
        });
        return result;
    }

    /** The listening channel, for the reactor's own use and tests (its backlog, say). */
    Channel channel() {
        return channel;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public String toString() {
        return "ListeningPort(" + host + ")";
    }
}
