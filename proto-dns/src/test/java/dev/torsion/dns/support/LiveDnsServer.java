package dev.torsion.dns.support;

import dev.torsion.dns.server.DnsDatagramProtocol;
import dev.torsion.dns.server.DnsServer;
import dev.torsion.dns.server.DnsTcpProtocol;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.ListeningPort;
import dev.torsion.netty.testing.LiveReactor;

/** A DnsServer on a real reactor, UDP and TCP on one free loopback port. */
public final class LiveDnsServer implements AutoCloseable {
    public final LiveReactor live;
    public final int port;

    public LiveDnsServer(DnsServer server) throws Exception {
        this(new LiveReactor(), server);
    }

    /** Serves on a reactor already running (closed with this server). */
    public LiveDnsServer(LiveReactor live, DnsServer server) throws Exception {
        this(live, server, "127.0.0.1", 0);
    }

    /** Serves on {@code ip} and {@code port} (0: a free one) of a reactor already running. */
    public LiveDnsServer(LiveReactor live, DnsServer server, String ip, int requestedPort) throws Exception {
        this.live = live;
        int bound = -1;
        for (int attempt = 0; attempt < 10 && bound < 0; attempt++) {
            ListeningPort udp = live.call(() -> live.reactor.listenUDP(requestedPort, new DnsDatagramProtocol(server), ip, 65535));
            int candidate = ((IPv4Address) udp.getHost()).port();
            try {
                live.call(() -> live.reactor.listenTCP(candidate, address -> new DnsTcpProtocol(server, live.reactor), 50,
                        ip));
                bound = candidate;
            } catch (Exception taken) {
                live.call(udp::stopListening);
            }
        }
        port = bound;
    }

    @Override
    public void close() throws Exception {
        live.close();
    }
}
