package dev.torsion.irc.server;

/**
 * The life of one client connection (Modern IRC "Connection Registration"; IRCv3
 * capability negotiation): one method per transition.
 */
public enum IrcSessionState {
    /** Connected; NICK, USER and PASS may come, or CAP to negotiate first. */
    UNREGISTERED,
    /** {@code CAP LS} or {@code CAP REQ} was received: registration waits for {@code CAP END}. */
    NEGOTIATING,
    /** Welcomed (001-005 sent): every command is open. */
    REGISTERED,
    /** QUIT, an error or a lost connection: nothing more is read. Terminal. */
    CLOSED;

    /** CAP LS or REQ before registration suspends it (IRCv3 capability negotiation). */
    IrcSessionState capStarted() {
        return this == UNREGISTERED ? NEGOTIATING : this;
    }

    /** CAP END: registration may complete. */
    IrcSessionState capEnded() {
        return this == NEGOTIATING ? UNREGISTERED : this;
    }

    /** NICK and USER are in, negotiation is over, the password checked: 001. */
    IrcSessionState registered() {
        if (this != UNREGISTERED) {
            throw new IllegalStateException("cannot register from " + this);
        }
        return REGISTERED;
    }

    /** The connection ends. */
    IrcSessionState close() {
        return CLOSED;
    }

    /** Whether the client has been welcomed. */
    boolean isRegistered() {
        return this == REGISTERED;
    }
}
