package dev.torsion.netty;

/**
 * Socket options for TCP listeners and connections beyond what {@link dev.torsion.internet.Reactor}
 * takes. Immutable; {@link #DEFAULT} has TCP_NODELAY on, keepalive and SO_REUSEPORT off.
 *
 * @param noDelay disable Nagle's algorithm (TCP_NODELAY): on by default, since writes are coalesced per loop turn
 * @param keepAlive send TCP keepalive probes on idle connections
 * @param reusePort let several listeners bind the same port (SO_REUSEPORT, native loops only), so
 *     that several reactors share the accepting work of one server
 */
public record TcpOptions(boolean noDelay, boolean keepAlive, boolean reusePort) {
    /** TCP_NODELAY on, keepalive off, SO_REUSEPORT off. */
    public static final TcpOptions DEFAULT = new TcpOptions(true, false, false);

    /** A copy with keepalive set. */
    public TcpOptions withKeepAlive(boolean on) {
        return new TcpOptions(noDelay, on, reusePort);
    }

    /** A copy with SO_REUSEPORT set. */
    public TcpOptions withReusePort(boolean on) {
        return new TcpOptions(noDelay, keepAlive, on);
    }

    /** A copy with TCP_NODELAY set. */
    public TcpOptions withNoDelay(boolean on) {
        return new TcpOptions(on, keepAlive, reusePort);
    }
}
