package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.Transport;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;

/** Connects with {@link Reactor#connectTCP} and {@link Reactor#connectSSL}. */
public final class ReactorHttpConnector implements HttpConnector {
    private final Reactor reactor;

    /** A connector on {@code reactor}. */
    public ReactorHttpConnector(Reactor reactor) {
        this.reactor = reactor;
    }

    @Override
    public Deferred<Void> connect(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        Connector[] attempt = new Connector[1];
        Deferred<Void> result = new Deferred<>(cancelled -> {
            if (attempt[0] != null) {
                attempt[0].stopConnecting();
            }
        });
        ClientFactory factory = new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                return new Protocol() {
                    @Override
                    public void makeConnection(Transport transport) {
                        super.makeConnection(transport);
                        protocol.makeConnection(transport);
                        if (!result.isCalled()) {
                            result.callback(null);
                        }
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                        protocol.dataReceived(data);
                    }

                    @Override
                    public void connectionLost(Failure reason) {
                        protocol.notifyConnectionLost(reason);
                    }
                };
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                if (!result.isCalled()) {
                    result.errback(reason);
                }
            }
        };
        attempt[0] = tls == null
                ? reactor.connectTCP(host, port, factory, timeout, null)
                : reactor.connectSSL(host, port, factory, tls, timeout, null);
        return result;
    }
}
