package dev.torsion.internet;

/**
 * A producer that writes on its own until told to pause: Twisted's {@code IPushProducer}. A
 * transport pauses it when its outgoing buffer is full and resumes it when the buffer has drained.
 */
public interface PushProducer extends Producer {
    /** Stops writing until {@link #resumeProducing()}. */
    void pauseProducing();

    /** Starts writing again after {@link #pauseProducing()}. */
    void resumeProducing();
}
