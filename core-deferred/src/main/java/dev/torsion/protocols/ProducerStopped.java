package dev.torsion.protocols;

/** A producer's work ended early because its consumer asked it to stop (the connection went away, say). */
public class ProducerStopped extends RuntimeException {
    /** Creates the error with a message. */
    public ProducerStopped(String message) {
        super(message);
    }
}
