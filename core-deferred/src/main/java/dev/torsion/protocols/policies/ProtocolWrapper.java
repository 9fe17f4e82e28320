package dev.torsion.protocols.policies;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Protocol;
import java.util.Objects;

/**
 * A protocol that stands between a transport and another protocol, passing everything through:
 * Twisted's {@code ProtocolWrapper}. To the transport it is the protocol; to the wrapped protocol it
 * is the transport. Subclasses override the calls they want to watch or change (counting bytes,
 * throttling, limiting) and call {@code super} to pass them on. Made by a {@link WrappingFactory},
 * with which it registers while connected.
 */
public class ProtocolWrapper extends PassThroughProtocol {
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

    /** Registers with the factory, then connects the wrapped protocol to this wrapper. */
    @Override
    public void connectionMade() {
        factory.registerProtocol(this);
        super.connectionMade();
    }

    /** Unregisters from the factory, then tells the wrapped protocol. */
    @Override
    public void connectionLost(Failure reason) {
        factory.unregisterProtocol(this);
        super.connectionLost(reason);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + wrappedProtocol() + ")";
    }
}
