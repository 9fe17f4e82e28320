package dev.torsion.app.plugin;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes back whatever it receives: RFC 862's echo over TCP. The transport is registered as its
 * own producer, so a client that sends without reading is paused instead of filling memory; when
 * the client closes its writing side, the echo closes the connection once everything is sent back.
 */
public final class Echo extends Protocol implements HalfCloseableProtocol {
    private static final Logger log = LoggerFactory.getLogger(Echo.class);

    @Override
    public void connectionMade() {
        log.debug("echo connection from {}", transport().getPeer());
        transport().registerProducer(transport(), true);
    }

    @Override
    public void readConnectionLost() {
        // Nothing more will be read: the transport no longer produces, and may close once flushed.
        transport().unregisterProducer();
        transport().loseConnection();
    }

    @Override
    public void writeConnectionLost() {
        transport().loseConnection();
    }

    @Override
    public void connectionLost(Failure reason) {
        log.debug("echo connection from {} closed: {}", transport().getPeer(), reason.getErrorMessage());
    }

    @Override
    public void dataReceived(byte[] data) {
        transport().write(data);
    }
}
