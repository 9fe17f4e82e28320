package dev.torsion.testing;

import dev.torsion.defer.Failure;
import dev.torsion.internet.Address;
import dev.torsion.internet.ClientFactory;
import dev.torsion.internet.Connector;
import dev.torsion.internet.Protocol;
import dev.torsion.internet.Transport;
import dev.torsion.internet.error.ConnectError;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.UserCancelledConnect;

/**
 * The connector a {@link MemoryReactor} returns from its connect calls. Nothing connects by itself:
 * the test decides how the attempt ends, with {@link #connectionMade(StringTransport)} or
 * {@link #connectionFailed(ConnectError)}, and the factory hears of it as it would from a real
 * reactor ({@code buildProtocol} and {@code makeConnection}, or {@code clientConnectionFailed}).
 * {@link #stopConnecting()} while connecting fails the attempt with {@link UserCancelledConnect}.
 */
public final class MemoryConnector implements Connector {
    /** Where the attempt stands. */
    public enum State {
        /** Waiting for the test to decide. */
        CONNECTING,
        /** Connected: a protocol was built and connected. */
        CONNECTED,
        /** The attempt failed or was stopped. */
        FAILED,
        /** The connection was made and is now gone. */
        DISCONNECTED
    }

    private final Address destination;
    private final ClientFactory factory;
    private State state = State.CONNECTING;
    private Protocol protocol;
    private StringTransport transport;
    private int attempts = 1;

    MemoryConnector(Address destination, ClientFactory factory) {
        this.destination = destination;
        this.factory = factory;
    }

    void start() {
        factory.startedConnecting(this);
    }

    // ---------------------------------------------------------------- Connector

    @Override
    public void stopConnecting() {
        if (state != State.CONNECTING) {
            throw new IllegalStateException("not connecting: " + state);
        }
        fail(new UserCancelledConnect("connection to " + destination + " was cancelled"));
    }

    @Override
    public void disconnect() {
        if (state == State.CONNECTING) {
            stopConnecting();
        } else if (state == State.CONNECTED) {
            transport.loseConnection();
            connectionLost(true);
        }
    }

    @Override
    public void connect() {
        if (state == State.CONNECTING || state == State.CONNECTED) {
            throw new IllegalStateException("already " + state.name().toLowerCase());
        }
        state = State.CONNECTING;
        attempts++;
        factory.startedConnecting(this);
    }

    @Override
    public Address getDestination() {
        return destination;
    }

    // ---------------------------------------------------------------- for tests

    /**
     * Ends the attempt in success: builds the factory's protocol for the destination and connects it
     * to {@code newTransport}. Returns the protocol (null when the factory refused, which counts as a
     * failed attempt, as on a real reactor).
     */
    public Protocol connectionMade(StringTransport newTransport) {
        requireConnecting();
        Protocol built = factory.buildProtocol(destination);
        if (built == null) {
            state = State.FAILED;
            return null;
        }
        state = State.CONNECTED;
        protocol = built;
        transport = newTransport;
        built.makeConnection(newTransport);
        return built;
    }

    /** Ends the attempt in success on a fresh {@link StringTransport}. */
    public Protocol connectionMade() {
        return connectionMade(new StringTransport());
    }

    /** Ends the attempt in failure: the factory's {@code clientConnectionFailed} hears {@code error}. */
    public void connectionFailed(ConnectError error) {
        requireConnecting();
        fail(error);
    }

    /** Ends an established connection: the protocol, then the factory, hear it (cleanly or not). */
    public void connectionLost(boolean clean) {
        if (state != State.CONNECTED) {
            throw new IllegalStateException("not connected: " + state);
        }
        state = State.DISCONNECTED;
        transport.closeConnection(protocol, clean);
        Failure reason = Failure.of(clean
                ? new ConnectionDone("Connection was closed cleanly.")
                : new ConnectionLost("Connection to the other side was lost."));
        factory.clientConnectionLost(this, reason);
    }

    private void fail(ConnectError error) {
        state = State.FAILED;
        factory.clientConnectionFailed(this, Failure.of(error));
    }

    private void requireConnecting() {
        if (state != State.CONNECTING) {
            throw new IllegalStateException("the attempt is not in progress: " + state);
        }
    }

    /** Where the attempt stands. */
    public State state() {
        return state;
    }

    /** The connected protocol, or null. */
    public Protocol protocol() {
        return protocol;
    }

    /** The transport of the connection, or null. */
    public Transport transport() {
        return transport;
    }

    /** How many times the connector has started an attempt (1 + reconnects). */
    public int attempts() {
        return attempts;
    }

    /** The factory the attempt reports to. */
    public ClientFactory factory() {
        return factory;
    }

    @Override
    public String toString() {
        return "MemoryConnector(" + destination + ", " + state + ")";
    }
}
