package dev.torsion.internet;

/**
 * A producer that writes one piece each time it is asked: Twisted's {@code IPullProducer}. The
 * consumer asks again whenever its buffer has room.
 */
public interface PullProducer extends Producer {
    /** Writes the next piece of data to the consumer (or unregisters itself when it has no more). */
    void resumeProducing();
}
