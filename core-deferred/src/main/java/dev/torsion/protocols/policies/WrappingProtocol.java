package dev.torsion.protocols.policies;

import dev.torsion.internet.Address;
import dev.torsion.internet.Producer;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A protocol stacked between a transport and another protocol, to which it is the transport: the
 * base of {@link ProtocolWrapper} and {@code TlsProtocol}. It passes the addresses and the producer
 * registration and flow control on to the transport below unchanged; subclasses say how the bytes
 * and the closing go through, since that is where they differ. The close and send deadlines are
 * the transport's below: setting them here sets them there; the round-trip time is the one below.
 */
public abstract class WrappingProtocol extends Protocol implements Transport {
    private final Protocol wrapped;

    /** Stands between a transport and {@code wrapped}. */
    protected WrappingProtocol(Protocol wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    /** The protocol inside. */
    public Protocol wrappedProtocol() {
        return wrapped;
    }

    @Override
    public Address getHost() {
        return transport().getHost();
    }

    @Override
    public Address getPeer() {
        return transport().getPeer();
    }

    @Override
    public void setCloseTimeout(Duration timeout) {
        transport().setCloseTimeout(timeout);
    }

    @Override
    public void setSendTimeout(Duration timeout) {
        transport().setSendTimeout(timeout);
    }

    @Override
    public Optional<Duration> roundTripTime() {
        return transport().roundTripTime();
    }

    @Override
    public void registerProducer(Producer producer, boolean streaming) {
        transport().registerProducer(producer, streaming);
    }

    @Override
    public void unregisterProducer() {
        transport().unregisterProducer();
    }

    @Override
    public void pauseProducing() {
        transport().pauseProducing();
    }

    @Override
    public void resumeProducing() {
        transport().resumeProducing();
    }

    @Override
    public void stopProducing() {
        transport().stopProducing();
    }
}
