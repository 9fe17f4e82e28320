package dev.torsion.internet;

/**
 * A transport that can pass what it reads straight to another transport's output without handing
 * it to its protocol: the fast path of the core relay ({@link dev.torsion.protocols.portforward.Proxy}).
 * transport-netty's connections do it for a peer on the same event loop without copying the bytes
 * into a {@code byte[]} and back, as a proxy written on raw Netty would. Everything else still
 * reaches the protocol: half-closes, the end of the connection, and bytes read while the protocol
 * had paused reading (delivered, in order, before any relayed byte).
 */
public interface RelayingTransport extends Transport {
    /**
     * From now on, writes what this transport reads to {@code peer} instead of delivering it to the
     * protocol. Returns false, and changes nothing, when this transport cannot reach {@code peer}
     * directly. Call on the reactor thread.
     */
    boolean relayReadsTo(Transport peer);
}
