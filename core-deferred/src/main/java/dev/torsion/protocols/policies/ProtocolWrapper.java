package dev.torsion.protocols.policies;

import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import java.util.List;
import java.util.Objects;

/**
 * A protocol that stands between a transport and another protocol, passing everything through:
 * Twisted's {@code ProtocolWrapper}. To the transport it is the protocol; to the wrapped protocol it
 * is the transport. Subclasses override the calls they want to watch or change (counting bytes,
 * throttling, limiting) and call {@code super} to pass them on. Made by a {@link WrappingFactory},
 * with which it registers while connected.
 */
public class ProtocolWrapper extends WrappingProtocol implements HalfCloseableProtocol {
    private final WrappingFactory factory;

    /** Wraps {@code wrapped} for {@code factory}. */
    public ProtocolWrapper(WrappingFactory factory, Protocol wrapped) {
        super(wrapped);
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The factory that made this wrapper. */
    public WrappingFactory factory() {
        return factory;
    }

    // ---------------------------------------------------------------- from the transport

    /** Registers with the factory, then connects the wrapped protocol to this wrapper. */
    @Override
    public void connectionMade() {
        factory.registerProtocol(this);
        wrappedProtocol().makeConnection(this);
    }

    @Override
    public void dataReceived(byte[] data) {
        wrappedProtocol().dataReceived(data);
    }

    /** Unregisters from the factory, then tells the wrapped protocol. */
    @Override
    public void connectionLost(Failure reason) {
        factory.unregisterProtocol(this);
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

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + wrappedProtocol() + ")";
    }
}
