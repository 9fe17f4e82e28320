package dev.torsion.smtp.client;

/** Whether the client uses STARTTLS (RFC 3207). */
public enum TlsMode {
    /** Never. */
    NONE,
    /** When the server offers it (RFC 7435 opportunistic security). */
    OPPORTUNISTIC,
    /** Always: a server that does not offer it, or a failed handshake, fails the send. */
    REQUIRED
}
