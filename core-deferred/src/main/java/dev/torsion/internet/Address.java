package dev.torsion.internet;

/**
 * Where one end of a connection is: an {@link IPv4Address}, an {@link IPv6Address}, a
 * {@link UNIXAddress}, or a transport's own kind (a pipe, a serial port).
 */
public interface Address {
}
