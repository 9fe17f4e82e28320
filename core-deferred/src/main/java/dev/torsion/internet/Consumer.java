package dev.torsion.internet;

/** Something that takes data from a {@link Producer}: Twisted's {@code IConsumer}. */
public interface Consumer {
    /**
     * Registers the producer that feeds this consumer. {@code streaming} is true for a
     * {@link PushProducer} and false for a {@link PullProducer}. Only one producer at a time:
     * registering a second throws {@link IllegalStateException}.
     */
    void registerProducer(Producer producer, boolean streaming);

    /** Unregisters the current producer. */
    void unregisterProducer();

    /** Takes some data. */
    void write(byte[] data);
}
