package dev.torsion.netty;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.SocketType;
import io.netty.channel.Channel;

/** A listening channel (TCP or UNIX stream) as a {@link ListeningPort}. */
final class NettyListeningPort implements ListeningPort {
    private final NettyReactor reactor;
    private final Channel channel;
    private final ProtocolFactory factory;
    private final Address host;
    private final Runnable afterClose;
    private Deferred<Void> stopped;

    NettyListeningPort(NettyReactor reactor, Channel channel, ProtocolFactory factory, Runnable afterClose) {
        this.reactor = reactor;
        this.channel = channel;
        this.factory = factory;
        this.host = Addresses.of(channel.localAddress(), SocketType.TCP);
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
                    stopped.callback(null);
                });
            }
            stopped.addBoth((v, f) -> {
                result.callback(null);
                return v;
            });
        });
        return result;
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
