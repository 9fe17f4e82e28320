package dev.torsion.protocols;

/**
 * Receives strings each preceded by its length as an unsigned big-endian integer of two bytes (strings up to 65,535 bytes), as Twisted's
 * {@code Int16StringReceiver}. See {@link IntNStringReceiver} for the limits.
 */
public abstract class Int16StringReceiver extends IntNStringReceiver {
    /** A receiver with a 2-byte length prefix. */
    protected Int16StringReceiver() {
        super(2);
    }
}
