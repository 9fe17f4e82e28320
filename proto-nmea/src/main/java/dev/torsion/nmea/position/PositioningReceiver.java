package dev.torsion.nmea.position;

import dev.torsion.nmea.ais.AisMessage;
import dev.torsion.nmea.ais.AisReceiver;
import dev.torsion.nmea.codec.NmeaMessage;
import dev.torsion.nmea.codec.Rejection;

/**
 * What a user implements to be told positions, as twisted.positioning's IPositioningReceiver,
 * and, where the stream carries AIS ({@code !AIVDM}), the AIS messages heard. Called on the
 * transport's thread; must not block.
 */
public interface PositioningReceiver extends AisReceiver {

    /**
     * A receiver for a stream that only matters for its AIS (an AIS receiver's output): fixes
     * and sentences are ignored, AIS messages and drops go to {@code ais}.
     */
    static PositioningReceiver ofAis(AisReceiver ais) {
        return new PositioningReceiver() {
            @Override
            public void fixReceived(Fix fix) {
            }

            @Override
            public void aisMessageReceived(AisMessage message) {
                ais.aisMessageReceived(message);
            }

            @Override
            public void aisRejected(Rejection rejection) {
                ais.aisRejected(rejection);
            }
        };
    }

    /** A cycle of sentences ended with this fix. */
    void fixReceived(Fix fix);

    /** Every decoded sentence, before it is combined; proprietary ones included. */
    default void sentenceReceived(NmeaMessage message) {
    }

    /** A line was refused (bad checksum, too long, bad field...). */
    default void sentenceRejected(Rejection rejection) {
    }

    /** A whole AIS message; ignored unless overridden. */
    @Override
    default void aisMessageReceived(AisMessage message) {
    }
}
