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

    public MemoryNet serve(String host, int port, RequestHandler handler) {
        servers.put(host + ":" + port, () -> new HttpChannel(handler, ServerConfig.DEFAULT, clock, false));
        return this;
    }

    public MemoryNet serveRaw(String host, int port, Supplier<Protocol> protocol) {
        servers.put(host + ":" + port, protocol);
        return this;
    }

    @Override
    public Deferred<Void> connect(String host, int port, TlsOptions tls, Duration timeout, Protocol protocol) {
        Supplier<Protocol> server = servers.get(host + ":" + port);
        if (server == null) {
            return Deferred.fail(new ConnectionRefusedError("nothing at " + host + ":" + port));
        }
        connections.add(host + ":" + port);
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
