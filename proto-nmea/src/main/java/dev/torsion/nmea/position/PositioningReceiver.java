package dev.torsion.nmea.position;

import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;

/**
 * What a user implements to be told positions, as twisted.positioning's IPositioningReceiver.
 * Called on the transport's thread; must not block.
 */
public interface PositioningReceiver {

    /** A cycle of sentences ended with this fix. */
    void fixReceived(Fix fix);

    /** Every decoded sentence, before it is combined; proprietary ones included. */
    default void sentenceReceived(NmeaMessage message) {
    }

    /** A line was refused (bad checksum, too long, bad field...). */
    default void sentenceRejected(Rejection rejection) {
    }
}
