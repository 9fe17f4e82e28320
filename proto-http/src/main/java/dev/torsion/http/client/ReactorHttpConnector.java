package dev.torsion.http.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Reactor;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.time.DelayedCall;
import dev.torsion.tls.TlsOptions;
import dev.torsion.tls.TlsProtocol;
import java.time.Duration;

/**
 * Connects with {@link Reactor#connectTCP} and {@link Reactor#connectSSL}; a TLS connection that
 * negotiates an application protocol by ALPN runs the core's {@link TlsProtocol} over TCP instead,
 * since that one tells when its handshake is done and what it agreed on.
 */
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

    /**
     * With ALPN offered, TLS runs as a {@link TlsProtocol} over TCP and the Deferred fires with the
     * agreed protocol once the handshake is done; the handshake must be done within {@code timeout}
     * too, or the connection is aborted. Otherwise as {@link #connect}, firing with null.
     */
    @Override
    public Deferred<String> connectNegotiating(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        if (tls == null || tls.applicationProtocols().isEmpty()) {
            return connect(host, port, tls, timeout, protocol).addCallback(connected -> null);
        }
        TlsProtocol tlsLayer = new TlsProtocol(tls, protocol);
        Deferred<Void> connecting = connect(host, port, null, timeout, tlsLayer);
        Deferred<String> negotiated = new Deferred<>(cancelled -> {
            connecting.cancel();
            if (tlsLayer.isConnected()) {
                tlsLayer.abortConnection();
            }
        });
        connecting.addCallbacks(connected -> {
            DelayedCall deadline = reactor.callLater(timeout, () -> {
                if (!negotiated.isCalled()) {
                    negotiated.errback(new ConnectError("no TLS handshake with " + host + ":" + port + " within " + timeout));
                    tlsLayer.abortConnection();
                }
            });
            tlsLayer.whenHandshakeDone().addCallbacks(done -> {
                if (deadline.active()) {
                    deadline.cancel();
                }
                if (!negotiated.isCalled()) {
                    negotiated.callback(done.negotiatedApplicationProtocol());
                }
                return null;
            }, failure -> {
                if (deadline.active()) {
                    deadline.cancel();
                }
                if (!negotiated.isCalled()) {
                    negotiated.errback(failure);
                }
                return null;
            });
            return null;
        }, failure -> {
            if (!negotiated.isCalled()) {
                negotiated.errback(failure);
            }
            return null;
        });
        return negotiated;
    }
}
