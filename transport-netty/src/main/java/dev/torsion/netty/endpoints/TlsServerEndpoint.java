package dev.torsion.netty.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ServerEndpoint;
import dev.torsion.netty.NettyReactor;
import dev.torsion.netty.TcpOptions;
import dev.torsion.tls.TlsOptions;
import java.util.Map;

/** Listens for TLS over TCP: what {@code ssl:} and {@code tls:} server descriptions make. */
public final class TlsServerEndpoint implements ServerEndpoint {
    private final Reactor reactor;
    private final int port;
    private final TlsOptions tls;
    private final Map<String, TlsOptions> byHostname;
    private final int backlog;
    private final String interfaceAddress;

    /**
     * @param byHostname options chosen by SNI host name (may be empty; needs a {@link NettyReactor})
     */
    public TlsServerEndpoint(Reactor reactor, int port, TlsOptions tls, Map<String, TlsOptions> byHostname,
            int backlog, String interfaceAddress) {
        this.reactor = reactor;
        this.port = port;
        this.tls = tls;
        this.byHostname = Map.copyOf(byHostname);
        this.backlog = backlog;
        this.interfaceAddress = interfaceAddress;
    }

    @Override
    public Deferred<ListeningPort> listen(ProtocolFactory factory) {
        try {
            if (byHostname.isEmpty()) {
                return Deferred.succeed(reactor.listenSSL(port, factory, tls, backlog, interfaceAddress));
            }
            if (!(reactor instanceof NettyReactor netty)) {
                throw new IllegalArgumentException("SNI certificates need a NettyReactor, not " + reactor);
            }
            return Deferred.succeed(netty.listenSSL(port, factory, tls, byHostname, backlog, interfaceAddress,
                    TcpOptions.DEFAULT));
        } catch (RuntimeException e) {
            return Deferred.fail(e);
        }
    }

    /** The TLS options served to clients that ask for no known name. */
    public TlsOptions tlsOptions() {
        return tls;
    }

    @Override
    public String toString() {
        return "TlsServerEndpoint(port " + port + " on '" + interfaceAddress + "')";
    }
}
