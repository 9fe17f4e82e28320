package dev.torsion.protocols;

/**
 * Receives strings each preceded by its length as an unsigned big-endian integer of one byte (strings up to 255 bytes), as Twisted's
 * {@code Int8StringReceiver}. See {@link IntNStringReceiver} for the limits.
 */
public abstract class Int8StringReceiver extends IntNStringReceiver {
    /** A receiver with a 1-byte length prefix. */
    protected Int8StringReceiver() {
        super(1);
    }
}
