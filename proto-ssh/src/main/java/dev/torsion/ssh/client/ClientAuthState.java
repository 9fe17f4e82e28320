package dev.torsion.ssh.client;

/** The client's progress above the transport (RFC 4252). */
public enum ClientAuthState {
    /** Keys are being exchanged. */
    CONNECTING,
    /** ssh-userauth asked for or running. */
    AUTHENTICATING,
    /** Logged in: channels may open. */
    AUTHENTICATED,
    /** Authentication failed or the connection ended. */
    FAILED
}
