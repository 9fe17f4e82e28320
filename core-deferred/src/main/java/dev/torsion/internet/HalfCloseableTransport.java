package dev.torsion.internet;

/** A transport that can close its writing side alone (TCP's shutdown): Twisted's {@code loseWriteConnection}. */
public interface HalfCloseableTransport extends Transport {
    /** Sends what is pending, then closes the writing side; reading goes on. */
    void loseWriteConnection();
}
