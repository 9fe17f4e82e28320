package dev.torsion.internet;

/**
 * An IP endpoint of a TCP connection or a UDP socket: an {@link IPv4Address} or an
 * {@link IPv6Address}, and nothing else, so that code which needs a host and a port asks for this
 * type instead of testing for both.
 */
public sealed interface IPAddress extends Address permits IPv4Address, IPv6Address {
    /** TCP or UDP. */
    SocketType type();

    /** The address in its textual form (dotted quad, or IPv6 without brackets). */
    String host();

    /** The port number. */
    int port();
}
