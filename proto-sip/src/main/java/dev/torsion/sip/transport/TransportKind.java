package dev.torsion.sip.transport;

/** The transports RFC 3261 section 18 defines for this stack. */
public enum TransportKind {
    /** UDP: unreliable, so the transactions retransmit (section 17.1.1.2). */
    UDP,
    /** TCP. */
    TCP,
    /** TLS over TCP. */
    TLS;

    /** Whether the transport is reliable (every one but UDP). */
    public boolean reliable() {
        return this != UDP;
    }

    /** The kind named in a Via or a {@code transport=} parameter, or null when unknown. */
    public static TransportKind fromName(String name) {
        for (TransportKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        return null;
    }
}
