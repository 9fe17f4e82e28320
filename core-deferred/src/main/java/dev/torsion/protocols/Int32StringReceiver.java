package dev.torsion.protocols;

/**
 * Receives strings each preceded by its length as an unsigned big-endian integer of four bytes, as Twisted's
 * {@code Int32StringReceiver}. See {@link IntNStringReceiver} for the limits.
 */
public abstract class Int32StringReceiver extends IntNStringReceiver {
    /** A receiver with a 4-byte length prefix. */
    protected Int32StringReceiver() {
        super(4);
    }
}
