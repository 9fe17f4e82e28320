package dev.torsion.sip.transport;

import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramProtocol;
import dev.torsion.internet.IPAddress;
import dev.torsion.sip.parse.SipDatagramParser;
import dev.torsion.sip.parse.SipMessage;
import dev.torsion.sip.parse.SipParseException;

/** SIP over UDP (RFC 3261 section 18.3): each datagram one message, handed to the {@link SipTransport}. */
public final class SipDatagramProtocol extends DatagramProtocol {
    private final SipTransport layer;

    /** The UDP side of {@code layer}. */
    public SipDatagramProtocol(SipTransport layer) {
        this.layer = layer;
    }

    @Override
    public void startProtocol() {
        layer.attachUdp(transport());
    }

    @Override
    public void datagramReceived(byte[] datagram, Address from) {
        if (!(from instanceof IPAddress ip)) {
            return;
        }
        try {
            SipMessage message = SipDatagramParser.parse(datagram, layer.limits());
            if (message != null) {
                layer.received(message, TransportKind.UDP, ip.host(), ip.port(), null);
            }
        } catch (SipParseException e) {
            layer.parseFailed(e, TransportKind.UDP, ip.host(), ip.port(), null);
        }
    }
}
