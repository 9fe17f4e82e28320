package dev.torsion.http.h2.server;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.time.Clock;
import dev.torsion.time.DelayedCall;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Chooses between HTTP/1.1 and HTTP/2 by the client's first bytes: the HTTP/2 connection preface
 * (RFC 9113 section 3.4) starts an {@link Http2Connection}, anything else an HTTP/1.1 channel. On
 * cleartext this is prior knowledge (section 3.3); over TLS a client that negotiated {@code h2} by
 * ALPN sends the preface, one that negotiated {@code http/1.1} (or nothing) a request. A client that
 * sends nothing within the idle timeout is disconnected.
 */
final class ProtocolSelector extends Protocol implements HalfCloseableProtocol {
    private final Supplier<Protocol> http1;
    private final Supplier<Protocol> http2;
    private final Clock clock;
    private final Duration timeout;
    private byte[] received = new byte[0];
    private Protocol chosen;
    private DelayedCall timer;

    ProtocolSelector(Supplier<Protocol> http1, Supplier<Protocol> http2, Clock clock, Duration timeout) {
        this.http1 = http1;
        this.http2 = http2;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public void connectionMade() {
        timer = clock.callLater(timeout, () -> {
            if (chosen == null) {
                transport().loseConnection();
            }
        });
    }

    @Override
    public void dataReceived(byte[] data) {
        if (chosen != null) {
            chosen.dataReceived(data);
            return;
        }
        byte[] all = Arrays.copyOf(received, received.length + data.length);
        System.arraycopy(data, 0, all, received.length, data.length);
        received = all;
        int compared = Math.min(all.length, Http2Connection.PREFACE.length);
        boolean prefix = Arrays.equals(all, 0, compared, Http2Connection.PREFACE, 0, compared);
        if (prefix && compared < Http2Connection.PREFACE.length) {
            return;
        }
        choose(prefix ? http2.get() : http1.get());
    }

    private void choose(Protocol protocol) {
        chosen = protocol;
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        byte[] first = received;
        received = null;
        protocol.makeConnection(transport());
        protocol.dataReceived(first);
    }

    @Override
    public void connectionLost(Failure reason) {
        if (timer != null && timer.active()) {
            timer.cancel();
        }
        if (chosen != null) {
            chosen.notifyConnectionLost(reason);
        }
    }

    @Override
    public void readConnectionLost() {
        if (chosen instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.readConnectionLost();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (chosen instanceof HalfCloseableProtocol halfCloseable) {
            halfCloseable.writeConnectionLost();
        }
    }
}
