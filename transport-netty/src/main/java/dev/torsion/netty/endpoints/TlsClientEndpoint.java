package dev.torsion.netty.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.endpoints.ClientEndpoint;
import dev.torsion.internet.endpoints.NotifyingProtocol;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;

/** Connects over TLS: what {@code tls:} and {@code ssl:} client descriptions make. */
public final class TlsClientEndpoint implements ClientEndpoint {
    private final Reactor reactor;
    private final String host;
    private final int port;
    private final TlsOptions tls;
    private final Duration timeout;

    /** An endpoint reaching {@code host:port} with client options {@code tls} (they name the host to verify). */
    public TlsClientEndpoint(Reactor reactor, String host, int port, TlsOptions tls, Duration timeout) {
        this.reactor = reactor;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.timeout = timeout;
    }

    @Override
    public Deferred<Protocol> connect(ProtocolFactory factory) {
        Connector[] connector = new Connector[1];
        Deferred<Protocol> made = new Deferred<>(d -> {
            if (connector[0] != null) {
                connector[0].stopConnecting();
            }
        });
        connector[0] = reactor.connectSSL(host, port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                Protocol protocol = factory.buildProtocol(address);
                return protocol == null ? null : NotifyingProtocol.wrap(protocol, made);
            }

            @Override
            public void clientConnectionFailed(Connector c, Failure reason) {
                if (!made.isCalled()) {
                    made.errback(reason.value() instanceof ConnectError ? reason
                            : Failure.of(new ConnectError(reason.getErrorMessage(), reason.value())));
                }
            }

            @Override
            public void clientConnectionLost(Connector c, Failure reason) {
                if (!made.isCalled()) {
                    made.errback(reason);
                }
            }
        }, tls, timeout, null);
        return made;
    }

    @Override
    public String toString() {
        return "TlsClientEndpoint(" + host + ":" + port + ")";
    }
}
