package dev.torsion.http.support;

import dev.torsion.defer.Deferred;
import dev.torsion.http.client.HttpConnector;
import dev.torsion.http.server.HttpChannel;
import dev.torsion.http.server.RequestHandler;
import dev.torsion.http.server.ServerConfig;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.error.ConnectionRefusedError;
import dev.torsion.testing.IOPump;
import dev.torsion.testing.TestClock;
import dev.torsion.tls.TlsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Servers reachable in memory by host:port, connected to clients through IOPumps. */
public final class MemoryNet implements HttpConnector {
    public final TestClock clock = new TestClock();
    public final List<IOPump> pumps = new ArrayList<>();
    public final List<String> connections = new ArrayList<>();
    private final Map<String, Supplier<Protocol>> servers = new HashMap<>();
    private final Map<String, String> alpn = new HashMap<>();
    /** The ALPN protocols each connection offered (empty: none, or no TLS), in order. */
    public final List<List<String>> offered = new ArrayList<>();

    public MemoryNet serve(String host, int port, RequestHandler handler) {
        servers.put(host + ":" + port, () -> new HttpChannel(handler, ServerConfig.DEFAULT, clock, false));
        return this;
    }

    public MemoryNet serveRaw(String host, int port, Supplier<Protocol> protocol) {
        servers.put(host + ":" + port, protocol);
        return this;
    }

    /** Has the server at host:port choose {@code protocol} by ALPN when a client offers it (as TLS would). */
    public MemoryNet choosing(String host, int port, String protocol) {
        alpn.put(host + ":" + port, protocol);
        return this;
    }

    /** Answers what the server chose among the protocols offered: its protocol if offered, else none. */
    @Override
    public Deferred<String> connectNegotiating(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        List<String> offers = tls == null ? List.of() : tls.applicationProtocols();
        String chosen = alpn.get(host + ":" + port);
        return connect(host, port, tls, timeout, protocol)
                .addCallback(connected -> chosen != null && offers.contains(chosen) ? chosen : null);
    }

    @Override
    public Deferred<Void> connect(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        Supplier<Protocol> server = servers.get(host + ":" + port);
        if (server == null) {
            return Deferred.fail(new ConnectionRefusedError("nothing at " + host + ":" + port));
        }
        connections.add(host + ":" + port);
        offered.add(tls == null ? List.of() : tls.applicationProtocols());
        pumps.add(IOPump.connectWithoutFlushing(server.get(), protocol));
        return Deferred.succeed(null);
    }

    /** Moves bytes on every connection until all are quiet. */
    public void flush() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (IOPump pump : new ArrayList<>(pumps)) {
                moved |= pump.pump();
            }
        }
    }
}
