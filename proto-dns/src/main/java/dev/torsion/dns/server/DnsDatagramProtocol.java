package dev.torsion.dns.server;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;

/** DNS over UDP, server side (RFC 1035 section 4.2.1): one reply datagram per query, to its source. */
public final class DnsDatagramProtocol extends DatagramProtocol {
    private final DnsServer server;

    /** Serves {@code server} on the socket it is bound to. */
    public DnsDatagramProtocol(DnsServer server) {
        this.server = server;
    }

    @Override
    public void datagramReceived(byte[] datagram, Address from) {
        server.handle(datagram, DnsServer.Transport.UDP, from).addCallback(outcome -> {
            if (transport() != null) {
                for (byte[] reply : outcome.replies()) {
                    transport().write(reply, from);
                }
            }
            return null;
        });
    }
}
