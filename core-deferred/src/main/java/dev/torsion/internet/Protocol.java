package dev.torsion.internet;

import dev.torsion.defer.Failure;
import java.nio.ByteBuffer;

/**
 * Gives bytes meaning: the base class of every stream protocol, as Twisted's {@code Protocol}.
 *
 * <p>A transport calls {@link #makeConnection} once it is connected, then {@link #dataReceived}
 * with bytes as they arrive (in pieces of any size: a protocol must not assume that one call is
 * one message), then {@link #connectionLost} once. All calls come on the reactor thread, so a
 * protocol needs no locks. The byte arrays it receives are its own from then on.
 *
 * <pre>{@code
 * public final class Echo extends Protocol {
 *     @Override public void dataReceived(byte[] data) { transport().write(data); }
 * }
 * }</pre>
 *
 * A protocol that also implements {@link BufferProtocol} takes its reads as a read-only
 * {@code ByteBuffer} view, lent for the call, instead of an array of its own. One that implements
 * {@link HalfCloseableProtocol} is told when the peer closes its
 * side; one that implements {@link PushProducer}-style flow control registers itself on the
 * transport, which is a {@link Consumer}.
 */
public abstract class Protocol {
    private Transport transport;
    private boolean connected;

    /** Binds this protocol to its transport and calls {@link #connectionMade()}. */
    public void makeConnection(Transport transport) {
        this.transport = transport;
        this.connected = true;
        connectionMade();
    }

    /** Called once the connection is up; {@link #transport()} is set. */
    public void connectionMade() {
    }

    /**
     * Called with bytes as they arrive. The default does nothing, except for a {@link BufferProtocol},
     * which it hands a read-only view of {@code data} (emptied after the call, as a transport's own
     * view is): so every transport and wrapper that delivers arrays feeds a buffer protocol too.
     */
    public void dataReceived(byte[] data) {
        if (this instanceof BufferProtocol receiver) {
            ByteBuffer view = ByteBuffer.wrap(data).asReadOnlyBuffer();
            try {
                receiver.bufferReceived(view);
            } finally {
                view.limit(0);
            }
        }
    }

    /**
     * Called once when the connection is gone. {@code reason} wraps
     * {@link dev.torsion.internet.error.ConnectionDone} for a clean close and
     * {@link dev.torsion.internet.error.ConnectionLost} (or a more precise error) otherwise.
     */
    public void connectionLost(Failure reason) {
    }

    /** The transport this protocol is connected to, or {@code null} before it is. */
    public Transport transport() {
        return transport;
    }

    /** Whether the connection is up: between {@link #makeConnection} and {@link #connectionLost}. */
    public boolean isConnected() {
        return connected;
    }

    /**
     * Marks the connection as gone and calls {@link #connectionLost}. Transports call this rather
     * than {@code connectionLost} directly so that {@link #isConnected()} stays true to the state.
     */
    public final void notifyConnectionLost(Failure reason) {
        connected = false;
        connectionLost(reason);
    }
}
