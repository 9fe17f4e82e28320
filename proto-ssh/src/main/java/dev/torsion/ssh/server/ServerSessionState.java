package dev.torsion.ssh.server;

/** The services of one server connection above the transport (RFC 4252, RFC 4254). */
public enum ServerSessionState {
    /** Keys not yet in place, or no service requested yet. */
    AWAITING_SERVICE,
    /** ssh-userauth accepted: authentication requests are answered. */
    AUTHENTICATING,
    /** A login succeeded: the connection protocol runs. */
    CONNECTED,
    /** The connection ended. */
    CLOSED
}
