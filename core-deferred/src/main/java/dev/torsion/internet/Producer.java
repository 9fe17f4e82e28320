package dev.torsion.internet;

/** Something that writes data to a {@link Consumer}: the common part of push and pull producers. */
public interface Producer {
    /** Stops producing for good: the consumer is gone or closing. */
    void stopProducing();
}
