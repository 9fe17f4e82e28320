package dev.torsion.protocols.policies;

import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.ProtocolFactory;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A factory that wraps each protocol another factory makes in a {@link ProtocolWrapper}, and keeps
 * the set of wrappers that are connected: Twisted's {@code WrappingFactory}. It is a
 * {@link ClientFactory} too, so it works for listening and for connecting; the connect
 * notifications reach the wrapped factory when that is a {@code ClientFactory}.
 */
public class WrappingFactory extends ForwardingClientFactory {
    private final Set<ProtocolWrapper> protocols = new LinkedHashSet<>();

    /** Wraps the protocols {@code wrappedFactory} makes. */
    public WrappingFactory(ProtocolFactory wrappedFactory) {
        super(wrappedFactory);
    }

    /** Asks the wrapped factory for a protocol and wraps it; null when the wrapped factory refuses. */
    @Override
    public Protocol buildProtocol(Address address) {
        Protocol protocol = wrappedFactory().buildProtocol(address);
        return protocol == null ? null : wrapProtocol(protocol, address);
    }

    /** Makes the wrapper for one protocol; subclasses return their own wrapper type. */
    protected ProtocolWrapper wrapProtocol(Protocol protocol, Address address) {
        return new ProtocolWrapper(this, protocol);
    }

    /** Called by a wrapper when it is connected. */
    public void registerProtocol(ProtocolWrapper wrapper) {
        protocols.add(wrapper);
    }

    /** Called by a wrapper when its connection is lost. */
    public void unregisterProtocol(ProtocolWrapper wrapper) {
        protocols.remove(wrapper);
    }

    /** The wrappers connected now, oldest first (read-only view). */
    public Set<ProtocolWrapper> protocols() {
        return Collections.unmodifiableSet(protocols);
    }
}
