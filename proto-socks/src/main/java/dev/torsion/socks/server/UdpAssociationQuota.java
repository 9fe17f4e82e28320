package dev.torsion.socks.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many UDP associations each client address holds, against {@code maxUdpAssociationsPerClient}.
 * One per factory; concurrent, as a factory may serve several reactors.
 */
final class UdpAssociationQuota {
    private final int perClient;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    UdpAssociationQuota(int perClient) {
        this.perClient = perClient;
    }

    /** Takes one association for {@code client}; false (and nothing taken) when it holds the most already. */
    boolean tryAcquire(InetAddress client) {
        boolean[] taken = {false};
        open.compute(client, (address, count) -> {
            int current = count == null ? 0 : count;
            if (current >= perClient) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /** Gives one association of {@code client} back. */
    void release(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    /** How many associations {@code client} holds. */
    int held(InetAddress client) {
        return open.getOrDefault(client, 0);
    }
}
