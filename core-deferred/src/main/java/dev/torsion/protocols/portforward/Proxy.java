package dev.torsion.protocols.portforward;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.HalfCloseableTransport;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.RelayingTransport;
import dev.torsion.internet.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a relayed connection: what arrives here is written to the peer side, as Twisted's
 * {@code portforward.Proxy}. The core relay that port forwarding, SOCKS, SSH forwarding and FTP
 * data connections share: subclass it for a side that must first do its own work (a SOCKS
 * negotiation, say), then call {@link #link} with the other side. Once both sides are connected they are linked: each transport is
 * registered as the other's producer, so a side whose peer reads slowly stops reading (flow
 * control both ways). When one peer closes its writing side, the other side's writing is closed
 * after what is pending has gone (half-close); a connection lost on one side closes the other.
 */
public abstract class Proxy extends Protocol implements HalfCloseableProtocol {
    private Proxy peer;
    private final List<byte[]> pending = new ArrayList<>();
    private boolean readClosed;
    private boolean writeClosed;
    private boolean peerReadClosedEarly;
    private boolean registeredPeerAsProducer;

    /**
     * Joins this side and {@code other}, both connected, and flushes what arrived meanwhile: from
     * now on each side's bytes go to the other, each transport is the other's producer, and a
     * half-close or a lost connection on one side is passed to the other.
     */
    public final void link(Proxy other) {
        peer = other;
        other.peer = this;
        registerProducers(other);
        flushPending();
        other.flushPending();
        if (relaysDirectly() && other.relaysDirectly()) {
            relayDirectly(other);
        }
    }

    /**
     * Whether, once linked, the bytes may go from transport to transport without passing through
     * {@link #dataReceived} (the transports' fast path, {@link RelayingTransport}). A side that
     * must see the bytes it relays (to count or inspect them) returns false.
     */
    protected boolean relaysDirectly() {
        return true;
    }

    /** Asks each transport to write what it reads to the other's output itself, where it can. */
    private void relayDirectly(Proxy other) {
        if (transport() instanceof RelayingTransport mine) {
            mine.relayReadsTo(other.transport());
        }
        if (other.transport() instanceof RelayingTransport theirs) {
            theirs.relayReadsTo(transport());
        }
    }

    /** Whether this side is linked to a peer side. */
    public final boolean isLinked() {
        return peer != null;
    }

    /** Each transport throttles the other's reading, unless that reading is over already. */
    private void registerProducers(Proxy other) {
        if (!other.readClosed) {
            transport().registerProducer(other.transport(), true);
            registeredPeerAsProducer = true;
        }
        if (!readClosed) {
            other.transport().registerProducer(transport(), true);
            other.registeredPeerAsProducer = true;
        }
    }

    /** Whether the peer has closed its writing side, so that this side reads no more. */
    public final boolean isReadClosed() {
        return readClosed;
    }

    /** The peer transport stops treating this one as its producer: it will not produce any more. */
    private void withdrawAsProducer() {
        if (peer != null && peer.registeredPeerAsProducer && peer.isConnected()) {
            peer.registeredPeerAsProducer = false;
            peer.transport().unregisterProducer();
        }
    }

    /** Sends to the peer what arrived before it was linked, and its early half-close. */
    private void flushPending() {
        for (byte[] data : pending) {
            peer.transport().write(data);
        }
        pending.clear();
        if (peerReadClosedEarly) {
            peer.closeWriting();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        if (peer != null && peer.isConnected()) {
            peer.transport().write(data);
        } else if (peer == null) {
            pending.add(data);
        }
    }

    @Override
    public void readConnectionLost() {
        readClosed = true;
        withdrawAsProducer();
        if (peer == null) {
            peerReadClosedEarly = true;
        } else if (peer.isConnected()) {
            peer.closeWriting();
        }
        closeIfBothDirectionsDone();
    }

    @Override
    public void writeConnectionLost() {
        writeClosed = true;
        closeIfBothDirectionsDone();
    }

    /** Closes this side's writing once what is pending has been sent. */
    private void closeWriting() {
        Transport transport = transport();
        if (transport instanceof HalfCloseableTransport halfCloseable) {
            halfCloseable.loseWriteConnection();
        } else {
            transport.loseConnection();
        }
    }

    /** With nothing left to read or write, the connection is finished. */
    private void closeIfBothDirectionsDone() {
        if (readClosed && writeClosed) {
            transport().loseConnection();
        }
    }

    @Override
    public void connectionLost(Failure reason) {
        Proxy other = peer;
        if (other == null || !other.isConnected()) {
            return;
        }
        // This transport fed the other side: it is gone, so the other side has no producer now.
        withdrawAsProducer();
        other.transport().loseConnection();
    }
}
