package dev.torsion.nmea.ais;

import dev.torsion.nmea.codec.Rejection;

/**
 * What a user implements to be told AIS traffic. Called on the transport's thread; must not
 * block.
 */
public interface AisReceiver {

    /** A whole AIS message, reassembled from its sentences and decoded. */
    void aisMessageReceived(AisMessage message);

    /**
     * A fragment or a pending message was dropped (missing or out-of-order fragment, expired,
     * over the pending limit) or a whole message could not be decoded.
     */
    default void aisRejected(Rejection rejection) {
    }
}
