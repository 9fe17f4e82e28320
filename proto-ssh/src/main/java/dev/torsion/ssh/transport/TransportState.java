package dev.torsion.ssh.transport;

/** The life of one SSH transport (RFC 4253), server or client. */
public enum TransportState {
    /** Identification lines are being exchanged (section 4.2). */
    VERSION_EXCHANGE,
    /** The first key exchange runs: only transport messages may pass (section 7). */
    FIRST_KEX,
    /** Keys are in place: services (user authentication, connection) run; re-exchanges may happen. */
    ESTABLISHED,
    /** Disconnected, or disconnecting: nothing more is read or sent. */
    DISCONNECTED
}
