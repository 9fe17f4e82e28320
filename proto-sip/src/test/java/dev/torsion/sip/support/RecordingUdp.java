package dev.torsion.sip.support;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramTransport;
import dev.torsion.internet.IPAddress;
import dev.torsion.internet.IPv4Address;
import dev.torsion.internet.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A UDP socket that records what is sent. */
public final class RecordingUdp implements DatagramTransport {
    /** One datagram sent. */
    public record Sent(String text, String host, int port) {
    }

    public final List<Sent> sent = new ArrayList<>();
    private final Address host;

    public RecordingUdp(String host, int port) {
        this.host = new IPv4Address(SocketType.UDP, host, port);
    }

    @Override
    public void write(byte[] datagram, Address to) {
        IPAddress ip = (IPAddress) to;
        sent.add(new Sent(new String(datagram, StandardCharsets.UTF_8), ip.host(), ip.port()));
    }

    @Override
    public void write(byte[] datagram) {
        throw new IllegalStateException("not connected");
    }

    @Override
    public void connect(String h, int p) {
        throw new IllegalStateException("connect is not used by SIP");
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public Deferred<Void> stopListening() {
        return Deferred.succeed(null);
    }

    /** The texts sent, and clears them. */
    public List<Sent> take() {
        List<Sent> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }
}
