package dev.torsion.telnet.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.telnet.TelnetLimits;
import dev.torsion.telnet.TelnetTransport;

/** Connects a {@link TelnetClientProtocol} over TCP. */
public final class TelnetClient {
    private TelnetClient() {
    }

    /** Connects to {@code host}:{@code port}; fires with the session once connected. */
    public static Deferred<TelnetClientProtocol> connect(Reactor reactor, String host, int port,
            TelnetClientOptions options, TelnetLimits limits) {
        Deferred<TelnetClientProtocol> connected = new Deferred<>();
        reactor.connectTCP(host, port, new ClientFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                TelnetClientProtocol client = new TelnetClientProtocol(options) {
                    @Override
                    public void connectionMade() {
                        connected.callback(this);
                    }
                };
                return new TelnetTransport(client, limits, reactor);
            }

            @Override
            public void clientConnectionFailed(Connector connector, Failure reason) {
                connected.errback(reason);
            }
        });
        return connected;
    }
}
