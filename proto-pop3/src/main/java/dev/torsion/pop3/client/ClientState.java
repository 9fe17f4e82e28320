package dev.torsion.pop3.client;

/**
 * Where a POP3 client connection stands: the answer it waits for. Commands go out one at a time
 * (RFC 1939 has no pipelining without RFC 2449's PIPELINING), so at most one is ever answered.
 * One method per transition; an illegal one is a bug and throws.
 */
enum ClientState {
    /** Connected: waiting for the server's greeting. */
    GREETING,
    /** Greeted, no command out: the next queued command may be sent. */
    READY,
    /** A command is out: waiting for its {@code +OK} or {@code -ERR} line. */
    STATUS,
    /** A multi-line answer: its lines until the terminating {@code "."} (RFC 1939 §3). */
    BODY,
    /** The connection failed or ended; every command fails at once (terminal). */
    CLOSED;

    /** The greeting was {@code +OK}. */
    ClientState greeted() {
        return require(this == GREETING, READY);
    }

    /** A command went out. */
    ClientState sent() {
        return require(this == READY, STATUS);
    }

    /** The {@code +OK} of a multi-line command: the body follows. */
    ClientState bodyStarted() {
        return require(this == STATUS, BODY);
    }

    /** The command was answered (status, or the body's last line). */
    ClientState answered() {
        return require(this == STATUS || this == BODY, READY);
    }

    /** The connection is over, or the client gave up on it. */
    ClientState close() {
        return CLOSED;
    }

    private ClientState require(boolean allowed, ClientState next) {
        if (!allowed) {
            throw new IllegalStateException("no transition from " + this + " to " + next);
        }
        return next;
    }
}
