package dev.torsion.internet;

import dev.torsion.defer.Deferred;

/** A UDP socket that takes part in IP multicast: Twisted's {@code IMulticastTransport}. */
public interface MulticastTransport extends DatagramTransport {
    /** Joins a multicast group, on the interface with address {@code interfaceAddress} (empty: any). */
    Deferred<Void> joinGroup(String group, String interfaceAddress);

    /** Leaves a multicast group. */
    Deferred<Void> leaveGroup(String group, String interfaceAddress);

    /** Sets the time-to-live of outgoing multicast datagrams. */
    void setTTL(int ttl);

    /** Whether this host receives the multicast datagrams it sends itself. */
    void setLoopbackMode(boolean loopback);
}
