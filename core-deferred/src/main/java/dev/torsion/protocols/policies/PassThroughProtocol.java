package dev.torsion.protocols.policies;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import java.util.List;

/**
 * A {@link WrappingProtocol} that passes everything through both ways: the bytes, the closing and
 * the half-closes. Subclasses override only what they watch or change: {@link ProtocolWrapper}
 * registers with its factory, a layer may name another peer.
 */
public class PassThroughProtocol extends WrappingProtocol implements HalfCloseableProtocol {
    /** Stands between a transport and {@code wrapped}, changing nothing. */
    public PassThroughProtocol(Protocol wrapped) {
        super(wrapped);
    }

    // ---------------------------------------------------------------- from the transport

    /** Connects the wrapped protocol to this one, its transport. */
    @Override
    public void connectionMade() {
        wrappedProtocol().makeConnection(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        wrappedProtocol().dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        wrappedProtocol().notifyConnectionLost(reason);
    }

    /** Passes the half-close on; a wrapped protocol that cannot half-close gets its connection closed. */
    @Override
    public void readConnectionLost() {
        if (wrappedProtocol() instanceof HalfCloseableProtocol half) {
            half.readConnectionLost();
        } else {
            transport().loseConnection();
        }
    }

    @Override
    public void writeConnectionLost() {
        if (wrappedProtocol() instanceof HalfCloseableProtocol half) {
            half.writeConnectionLost();
        }
    }

    // ---------------------------------------------------------------- from the wrapped protocol

    @Override
    public void write(byte[] data) {
        transport().write(data);
    }

    @Override
    public void writeSequence(List<byte[]> data) {
        transport().writeSequence(data);
    }

    @Override
    public void loseConnection() {
        transport().loseConnection();
    }

    @Override
    public void abortConnection() {
        transport().abortConnection();
    }

    @Override
    public boolean isDisconnecting() {
        return transport().isDisconnecting();
    }
}
