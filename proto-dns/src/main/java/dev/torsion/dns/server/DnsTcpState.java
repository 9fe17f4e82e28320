package dev.torsion.dns.server;

/** The life of one DNS-over-TCP connection on the server. */
public enum DnsTcpState {
    /** Reading queries and answering them, several in flight (RFC 7766 section 6.2.1.1). */
    OPEN,
    /** No more queries are read (bad framing or idle); the answers in flight still go out, then the connection closes. */
    DRAINING,
    /** Closed. */
    CLOSED
}
