package dev.torsion.socks.client;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;

/**
 * Speaks SOCKS to the proxy on behalf of {@code inner}, then steps aside: once the proxy has
 * connected us, {@code inner} is connected to the same transport and gets every later byte (and
 * any that came with the proxy's reply), so the application's writes go straight to the proxy's
 * stream. {@code connected} fires with {@code inner} then, or fails with a
 * {@link SocksConnectError} (the connection is closed).
 */
public final class SocksClientProtocol extends Protocol {
    private final SocksClientHandshake handshake;
    private final Protocol inner;
    private final Deferred<Protocol> connected;

    /** A protocol negotiating with {@code handshake}, then handing over to {@code inner}. */
    public SocksClientProtocol(SocksClientHandshake handshake, Protocol inner, Deferred<Protocol> connected) {
        this.handshake = handshake;
        this.inner = inner;
        this.connected = connected;
    }

    @Override
    public void connectionMade() {
        transport().write(handshake.start());
    }

    @Override
    public void dataReceived(byte[] data) {
        if (handshake.state() == SocksClientState.CONNECTED) {
            inner.dataReceived(data);
            return;
        }
        if (handshake.state() == SocksClientState.FAILED) {
            return;
        }
        SocksClientHandshake.Step step = handshake.feed(data);
        if (step.failure() != null) {
            transport().loseConnection();
            if (!connected.isCalled()) {
                connected.errback(step.failure());
            }
            return;
        }
        if (step.send().length > 0) {
            transport().write(step.send());
        }
        if (step.connected()) {
            inner.makeConnection(transport());
            if (!connected.isCalled()) {
                connected.callback(inner);
            }
            if (step.leftover().length > 0) {
                inner.dataReceived(step.leftover());
            }
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        if (handshake.state() == SocksClientState.CONNECTED) {
            inner.notifyConnectionLost(reason);
        } else if (!connected.isCalled()) {
            connected.errback(new SocksConnectError("the proxy closed the connection during the SOCKS handshake", -1));
        }
    }
}
