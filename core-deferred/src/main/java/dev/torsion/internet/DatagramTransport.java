package dev.torsion.internet;

import dev.torsion.defer.Deferred;

/** A datagram socket as its protocol sees it: Twisted's {@code IUDPTransport}. */
public interface DatagramTransport {
    /** Sends one datagram to {@code to}. */
    void write(byte[] datagram, Address to);

    /** On a connected socket, sends one datagram to the connected peer. */
    void write(byte[] datagram);

    /** Connects the socket to one peer: only its datagrams are received, and {@link #write(byte[])} works. */
    void connect(String host, int port);

    /** This socket's address. */
    Address getHost();

    /** Closes the socket; the protocol's {@code stopProtocol} runs when it is closed. */
    Deferred<Void> stopListening();
}
