package dev.torsion.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torsion.internet.IPAddress;
import dev.torsion.internet.UdpOptions;
import dev.torsion.sip.SipLimits;
import dev.torsion.sip.registrar.MemoryLocationService;
import dev.torsion.sip.transaction.TimerSettings;
import dev.torsion.sip.transport.TransportKind;
import dev.torsion.testing.MemoryReactor;
import org.junit.jupiter.api.Test;

/** What {@link SipServer#listenUdp} asks of the reactor: the receive buffer that rides out a stall under load. */
class SipServerListenTest {
    private final MemoryReactor reactor = new MemoryReactor();
    private final SipServer server = new SipServer(reactor, reactor, "example.org", "127.0.0.1", SipLimits.DEFAULTS,
            TimerSettings.DEFAULTS, new MemoryLocationService(), null);

    @Test
    void udpAsksForFourMebibytesOfReceiveBuffer() {
        server.listenUdp(0, "127.0.0.1");
        MemoryReactor.UdpPort call = reactor.udpPorts().get(0);
        assertEquals(4 * 1024 * 1024, call.options().receiveBufferSize());
        assertEquals(SipLimits.DEFAULTS.maxDatagram(), call.maxPacketSize());
        assertEquals("127.0.0.1", call.interfaceAddress());
        assertEquals(((IPAddress) call.transport().getHost()).port(), server.transport().port(TransportKind.UDP),
                "the bound port is the UDP sent-by port");
    }

    @Test
    void theReceiveBufferIsTheCallersToChoose() {
        server.listenUdp(5070, "", 512 * 1024);
        server.listenUdp(5071, "", 0);
        assertEquals(512 * 1024, reactor.udpPorts().get(0).options().receiveBufferSize());
        assertEquals(UdpOptions.DEFAULT, reactor.udpPorts().get(1).options());
        assertEquals(5071, server.transport().port(TransportKind.UDP));
    }
}
