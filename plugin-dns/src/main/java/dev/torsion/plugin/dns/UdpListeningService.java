package dev.torsion.plugin.dns;

import dev.torsion.app.service.BaseService;
import dev.torsion.defer.Deferred;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.ListeningPort;
import dev.torsion.internet.Reactor;

/** A UDP port bound while the application runs (the runner's endpoints are stream endpoints). */
final class UdpListeningService extends BaseService {
    private final Reactor reactor;
    private final int port;
    private final String interfaceAddress;
    private final DatagramProtocol protocol;
    private ListeningPort listening;

    UdpListeningService(Reactor reactor, int port, String interfaceAddress, DatagramProtocol protocol) {
        this.reactor = reactor;
        this.port = port;
        this.interfaceAddress = interfaceAddress;
        this.protocol = protocol;
    }

    /** Binds in the privileged step, so port 53 can be bound before privileges are dropped. */
    @Override
    public Deferred<Void> privilegedStartService() {
        if (listening == null) {
            listening = reactor.listenUDP(port, protocol, interfaceAddress, 65535);
        }
        return Deferred.succeed(null);
    }

    @Override
    public Deferred<Void> startService() {
        privilegedStartService();
        return super.startService();
    }

    @Override
    public Deferred<Void> stopService() {
        super.stopService();
        ListeningPort bound = listening;
        listening = null;
        return bound == null ? Deferred.succeed(null) : bound.stopListening();
    }

    @Override
    protected String describe() {
        return "udp:" + port + (interfaceAddress.isEmpty() ? "" : ":interface=" + interfaceAddress);
    }
}
