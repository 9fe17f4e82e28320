package dev.torsion.testing;

import dev.torsion.defer.Deferred;
import dev.torsion.internet.Address;
import dev.torsion.internet.DatagramTransport;
import java.util.ArrayList;
import java.util.List;

/** The datagram socket a {@link MemoryReactor} binds: it records the datagrams sent. */
public final class MemoryDatagramTransport implements DatagramTransport {
    /**
     * One datagram sent.
     *
     * @param data the bytes
     * @param to where to; null on a connected socket's {@link #write(byte[])}
     */
    public record Sent(byte[] data, Address to) {
    }

    private final Address host;
    private final List<Sent> sent = new ArrayList<>();
    private String connectedHost;
    private int connectedPort = -1;
    private boolean listening = true;

    MemoryDatagramTransport(Address host) {
        this.host = host;
    }

    @Override
    public void write(byte[] datagram, Address to) {
        sent.add(new Sent(datagram, to));
    }

    @Override
    public void write(byte[] datagram) {
        if (connectedHost == null) {
            throw new IllegalStateException("write without an address on an unconnected datagram socket");
        }
        sent.add(new Sent(datagram, null));
    }

    @Override
    public void connect(String newHost, int port) {
        connectedHost = newHost;
        connectedPort = port;
    }

    @Override
    public Address getHost() {
        return host;
    }

    @Override
    public Deferred<Void> stopListening() {
        listening = false;
        return Deferred.succeed(null);
    }

    /** The datagrams sent, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The host the socket was connected to, or null. */
    public String connectedHost() {
        return connectedHost;
    }

    /** The port the socket was connected to, or -1. */
    public int connectedPort() {
        return connectedPort;
    }

    /** Whether {@link #stopListening()} has not been called. */
    public boolean isListening() {
        return listening;
    }
}
