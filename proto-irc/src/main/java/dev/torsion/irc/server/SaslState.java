package dev.torsion.irc.server;

/**
 * The SASL exchange of one connection (IRCv3 "sasl-3.1"/"sasl-3.2", RFC 4616 PLAIN), apart
 * from registration because a registered client may authenticate too.
 */
enum SaslState {
    /** No exchange under way. */
    IDLE,
    /** {@code AUTHENTICATE PLAIN} was answered with {@code AUTHENTICATE +}: the response comes in chunks. */
    RESPONDING,
    /** The portal is checking the credentials: reading is paused. */
    CHECKING,
    /** Logged in: another AUTHENTICATE earns 907. */
    DONE;

    SaslState mechanismAccepted() {
        return RESPONDING;
    }

    SaslState responseComplete() {
        return CHECKING;
    }

    SaslState succeeded() {
        return DONE;
    }

    /** A failure or abort: the client may try again. */
    SaslState reset() {
        return IDLE;
    }
}
