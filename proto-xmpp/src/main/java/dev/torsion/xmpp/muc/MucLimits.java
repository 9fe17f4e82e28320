package dev.torsion.xmpp.muc;

/**
 * The limits of the multi-user chat service (XEP-0045), each with its default and the error it earns.
 *
 * @param maxRooms rooms that may exist at once: 1000; creating one more earns {@code <not-allowed/>}
 *     (XEP-0045 §10.1.1, the service restricts room creation)
 * @param maxOccupants occupants of one room: 200; one more earns {@code <service-unavailable/>}
 *     (XEP-0045 §7.2.10, "max users")
 * @param historySize groupchat messages kept per room and sent to a joining occupant: 20 (XEP-0045
 *     §7.2.15; a join may ask for fewer with {@code <history maxstanzas/>}); 0 keeps none
 * @param maxRoomsPerUser rooms one real JID may be in at once: 100; one more earns
 *     {@code <resource-constraint/>}
 */
public record MucLimits(int maxRooms, int maxOccupants, int historySize, int maxRoomsPerUser) {
    /** The defaults listed above. */
    public static final MucLimits DEFAULTS = new MucLimits(1000, 200, 20, 100);

    /** Checks that the limits are usable. */
    public MucLimits {
        if (maxRooms < 1 || maxOccupants < 1 || historySize < 0 || maxRoomsPerUser < 1) {
            throw new IllegalArgumentException("MUC limits must be positive (history may be 0)");
        }
    }
}
