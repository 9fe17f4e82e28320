package dev.torsion.internet;

/**
 * A protocol that wants to know when one direction of its connection closes, instead of losing
 * the whole connection when the peer stops writing: Twisted's {@code IHalfCloseableProtocol}.
 */
public interface HalfCloseableProtocol {
    /** The peer closed its writing side: no more data will arrive, but writing still works. */
    void readConnectionLost();

    /** This side's writing was closed (see {@link HalfCloseableTransport#loseWriteConnection()}). */
    void writeConnectionLost();
}
