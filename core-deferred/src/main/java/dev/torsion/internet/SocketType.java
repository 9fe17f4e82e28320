package dev.torsion.internet;

/** The kind of IP socket an address belongs to. */
public enum SocketType {
    /** A stream socket. */
    TCP,
    /** A datagram socket. */
    UDP
}
