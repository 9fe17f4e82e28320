package dev.torsion.app.service;

import dev.torsion.app.DurationConverter;
import dev.torsion.internet.Address;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import dev.torsion.internet.Reactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections that the runner's listening services accepted on one reactor, so that when the
 * shutdown grace is over the runner can cut those still open and say which it cut (the reactor
 * alone would reset them silently). Every {@link ServerEndpoints#listen} factory is tracked. Use
 * it on its reactor's thread only.
 */
public final class ConnectionTracker {
    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);
    private static final Map<Reactor, ConnectionTracker> TRACKERS = Collections.synchronizedMap(new WeakHashMap<>());

    /** One accepted connection: its protocol, its peer and the endpoint that accepted it. */
    private record Accepted(Protocol protocol, Address peer, String endpoint) {
        boolean gone() {
            return protocol.transport() != null && !protocol.isConnected();
        }
    }

    private final List<Accepted> accepted = new ArrayList<>();

    private ConnectionTracker() {
    }

    /** The tracker of {@code reactor}'s connections. */
    public static ConnectionTracker of(Reactor reactor) {
        return TRACKERS.computeIfAbsent(reactor, ignored -> new ConnectionTracker());
    }

    /** {@code factory}, with each connection it makes tracked under {@code endpoint}'s name. */
    ProtocolFactory track(ProtocolFactory factory, String endpoint) {
        return new ProtocolFactory() {
            @Override
            public Protocol buildProtocol(Address address) {
                Protocol protocol = factory.buildProtocol(address);
                if (protocol != null) {
                    // Forget the closed ones as new ones come, so the list stays as long as the open ones.
                    accepted.removeIf(Accepted::gone);
                    accepted.add(new Accepted(protocol, address, endpoint));
                }
                return protocol;
            }

            @Override
            public void startFactory() {
                factory.startFactory();
            }

            @Override
            public void stopFactory() {
                factory.stopFactory();
            }
        };
    }

    /** How many tracked connections are open. */
    public int openConnections() {
        accepted.removeIf(Accepted::gone);
        return accepted.size();
    }

    /**
     * Aborts every tracked connection still open, logging each (peer and endpoint) at WARN: the
     * shutdown {@code grace} is over. Returns how many were cut.
     */
    public int cutAll(Duration grace) {
        accepted.removeIf(Accepted::gone);
        List<Accepted> open = new ArrayList<>(accepted);
        accepted.clear();
        for (Accepted connection : open) {
            if (connection.protocol().transport() == null) {
                continue;
            }
            log.warn("shutdown grace of {} over: cutting the connection from {} on {}", DurationConverter.format(grace),
                    connection.peer(), connection.endpoint());
            connection.protocol().transport().abortConnection();
        }
        if (!open.isEmpty()) {
            log.warn("shutdown grace over: cut {} connection{}", open.size(), open.size() == 1 ? "" : "s");
        }
        return open.size();
    }
}
