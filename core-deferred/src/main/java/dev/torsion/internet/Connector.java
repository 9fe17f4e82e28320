package dev.torsion.internet;

/** An outgoing connection attempt and the connection it makes: Twisted's {@code IConnector}. */
public interface Connector {
    /** Stops the attempt while it is still connecting; the factory is told it failed. */
    void stopConnecting();

    /** Closes the connection if connected, or stops the attempt if still connecting. */
    void disconnect();

    /** Tries again, after a failure or a lost connection (used by reconnecting factories). */
    void connect();

    /** Where this connector connects to. */
    Address getDestination();
}
