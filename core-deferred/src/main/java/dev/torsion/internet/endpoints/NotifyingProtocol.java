package dev.torsion.internet.endpoints;

import dev.torsion.defer.Deferred;
import dev.torsion.defer.Failure;
import dev.torsion.internet.HalfCloseableProtocol;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import java.util.Objects;

/**
 * Wraps the protocol of a client endpoint's connection so that the endpoint's Deferred fires with
 * the user's protocol once its {@code connectionMade} has run (Twisted's endpoint
 * {@code _WrappingProtocol}); everything else is passed through. Made with {@link #wrap}, it is
 * half-closeable exactly when the user's protocol is, so the transport treats it as it would treat
 * the user's protocol itself. Every {@link ClientEndpoint} (TCP, UNIX, TLS) uses it.
 */
public class NotifyingProtocol extends Protocol {
    private final Protocol wrapped;
    private final Deferred<Protocol> made;

    private NotifyingProtocol(Protocol wrapped, Deferred<Protocol> made) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
        this.made = Objects.requireNonNull(made, "made");
    }

    /**
     * Wraps {@code wrapped}: once it is connected, {@code made} fires with it (unless it has fired
     * already, say because the attempt was cancelled).
     */
    public static NotifyingProtocol wrap(Protocol wrapped, Deferred<Protocol> made) {
        return wrapped instanceof HalfCloseableProtocol
                ? new HalfCloseable(wrapped, made)
                : new NotifyingProtocol(wrapped, made);
    }

    /** The user's protocol. */
    public Protocol wrappedProtocol() {
        return wrapped;
    }

    /** Connects the user's protocol to the real transport, then fires the Deferred with it. */
    @Override
    public void makeConnection(Transport transport) {
        super.makeConnection(transport);
        wrapped.makeConnection(transport);
        if (!made.isCalled()) {
            made.callback(wrapped);
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        wrapped.dataReceived(data);
    }

    @Override
    public void connectionLost(Failure reason) {
        wrapped.notifyConnectionLost(reason);
    }

    /** The same, for a user protocol that handles half-close. */
    private static final class HalfCloseable extends NotifyingProtocol implements HalfCloseableProtocol {
        HalfCloseable(Protocol wrapped, Deferred<Protocol> made) {
            super(wrapped, made);
        }

        @Override
        public void readConnectionLost() {
            ((HalfCloseableProtocol) wrappedProtocol()).readConnectionLost();
        }

        @Override
        public void writeConnectionLost() {
            ((HalfCloseableProtocol) wrappedProtocol()).writeConnectionLost();
        }
    }
}
