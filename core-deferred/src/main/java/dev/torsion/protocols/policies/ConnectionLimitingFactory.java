package dev.torsion.protocols.policies;

import dev.torsion.internet.Address;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A wrapping factory that limits how many connections are open at once, in total and per peer host:
 * Twisted's {@code LimitTotalConnectionsFactory} and {@code LimitConnectionsByPeer} in one. A
 * connection over either limit is logged and closed at once, without the wrapped factory ever
 * seeing it.
 *
 * <pre>{@code
 * reactor.listenTCP(8000, new ConnectionLimitingFactory(address -> new Echo(), 1000, 10));
 * }</pre>
 *
 * <p>A slot is taken when the protocol is built and given back when its connection is lost. Peers
 * are grouped by IP address (the port is ignored); other address kinds (UNIX sockets) by their whole
 * address.
 */
public class ConnectionLimitingFactory extends WrappingFactory {
    /** No limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimitingFactory.class);

    private final int maxTotal;
    private final int maxPerPeer;
    private int total;
    private final Map<String, Integer> perPeer = new HashMap<>();
    private final Map<ProtocolWrapper, String> peerOf = new IdentityHashMap<>();

    /**
     * Limits the protocols of {@code wrappedFactory} to {@code maxTotal} connections at once and
     * {@code maxPerPeer} from any one host (each at least 1; {@link #UNLIMITED} for none).
     */
    public ConnectionLimitingFactory(ProtocolFactory wrappedFactory, int maxTotal, int maxPerPeer) {
        super(wrappedFactory);
        if (maxTotal < 1 || maxPerPeer < 1) {
            throw new IllegalArgumentException("connection limits must be at least 1: total=" + maxTotal
                    + " perPeer=" + maxPerPeer);
        }
        this.maxTotal = maxTotal;
        this.maxPerPeer = maxPerPeer;
    }

    @Override
    public Protocol buildProtocol(Address address) {
        String host = peerHost(address);
        if (total >= maxTotal) {
            return refuse(address, total + " connections open, the limit");
        }
        int fromPeer = perPeer.getOrDefault(host, 0);
        if (fromPeer >= maxPerPeer) {
            return refuse(address, fromPeer + " connections open from " + host + ", the per-peer limit");
        }
        Protocol built = super.buildProtocol(address);
        if (built instanceof ProtocolWrapper wrapper) {
            total++;
            perPeer.merge(host, 1, Integer::sum);
            peerOf.put(wrapper, host);
        }
        return built;
    }

    private Protocol refuse(Address address, String why) {
        log.warn("refusing connection from {}: {}", address, why);
        return new RefusedConnection();
    }

    @Override
    public void unregisterProtocol(ProtocolWrapper wrapper) {
        super.unregisterProtocol(wrapper);
        String host = peerOf.remove(wrapper);
        if (host != null) {
            total--;
            perPeer.computeIfPresent(host, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Connections open now. */
    public int openConnections() {
        return total;
    }

    /** Connections open now from {@code host}. */
    public int openConnectionsFrom(String host) {
        return perPeer.getOrDefault(host, 0);
    }

    static String peerHost(Address address) {
        if (address instanceof IPAddress ip) {
            return ip.host();
        }
        return String.valueOf(address);
    }

    /** What a refused connection gets: closed as soon as it is made. */
    static final class RefusedConnection extends Protocol {
        @Override
        public void connectionMade() {
            transport().loseConnection();
        }
    }
}
