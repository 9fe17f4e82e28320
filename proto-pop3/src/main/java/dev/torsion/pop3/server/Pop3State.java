package dev.torsion.pop3.server;

/**
 * Where a POP3 session stands (RFC 1939 §3): AUTHORIZATION until a login, TRANSACTION while the
 * client works on the maildrop, UPDATE after QUIT while deletions are carried out. Deletions happen
 * only in UPDATE: a connection that drops in TRANSACTION deletes nothing. One method per transition.
 */
public enum Pop3State {
    /** Greeted; USER/PASS, APOP, AUTH, STLS, CAPA, UTF8, QUIT. */
    AUTHORIZATION,
    /** In an AUTH exchange: the next line is a SASL response (RFC 5034 §4). */
    AUTH_EXCHANGE,
    /** Logged in; the maildrop is open. */
    TRANSACTION,
    /** QUIT in TRANSACTION: removing the messages marked deleted. */
    UPDATE,
    /** The session is over (terminal). */
    CLOSED;

    /** AUTH started an exchange. */
    Pop3State authExchange() {
        return require(this == AUTHORIZATION, AUTH_EXCHANGE);
    }

    /** The exchange ended without a login. */
    Pop3State authDone() {
        return require(this == AUTH_EXCHANGE, AUTHORIZATION);
    }

    /** A login succeeded and the maildrop is listed. */
    Pop3State loggedIn() {
        return require(this == AUTHORIZATION || this == AUTH_EXCHANGE, TRANSACTION);
    }

    /** QUIT: UPDATE from TRANSACTION, straight to CLOSED from AUTHORIZATION (RFC 1939 §6). */
    Pop3State quit() {
        return this == TRANSACTION ? UPDATE : CLOSED;
    }

    /** The session ends. */
    Pop3State close() {
        return CLOSED;
    }

    private Pop3State require(boolean allowed, Pop3State next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
