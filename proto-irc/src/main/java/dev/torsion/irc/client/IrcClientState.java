package dev.torsion.irc.client;

/** The life of one client connection (Modern IRC "Connection Registration"); one method per transition. */
public enum IrcClientState {
    /** CAP LS sent: waiting for the server's capabilities. */
    NEGOTIATING,
    /** SASL PLAIN under way (IRCv3 sasl). */
    AUTHENTICATING,
    /** NICK and USER sent (CAP END too, if negotiated): waiting for 001. */
    REGISTERING,
    /** 001 received. */
    REGISTERED,
    /** The connection ended. Terminal. */
    CLOSED;

    IrcClientState saslStarted() {
        return this == NEGOTIATING ? AUTHENTICATING : this;
    }

    IrcClientState negotiationEnded() {
        return this == NEGOTIATING || this == AUTHENTICATING ? REGISTERING : this;
    }

    IrcClientState welcomed() {
        return this == CLOSED ? CLOSED : REGISTERED;
    }

    IrcClientState close() {
        return CLOSED;
    }
}
