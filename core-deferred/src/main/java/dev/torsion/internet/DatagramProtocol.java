package dev.torsion.internet;

/**
 * Gives datagrams meaning: Twisted's {@code DatagramProtocol}, for UDP and UNIX datagram sockets.
 * One protocol instance serves the whole socket.
 */
public abstract class DatagramProtocol {
    private DatagramTransport transport;

    /** Binds the protocol to its socket and calls {@link #startProtocol()}. */
    public void makeConnection(DatagramTransport transport) {
        this.transport = transport;
        startProtocol();
    }

    /** Called when the socket is ready. */
    public void startProtocol() {
    }

    /** Called when the socket has been closed. */
    public void stopProtocol() {
    }

    /** Called with each datagram and the address it came from. */
    public abstract void datagramReceived(byte[] datagram, Address from);

    /** On a connected socket: the peer refused a datagram we sent (ICMP port unreachable). */
    public void connectionRefused() {
    }

    /** The socket this protocol is bound to, or {@code null} before it is. */
    public DatagramTransport transport() {
        return transport;
    }
}
